#!/usr/bin/env bash
# The project's test command, on a fresh Debian machine as on a developer's: installs what the
# tests drive from Debian's packages when missing (chromium and chromium-driver for the web
# console's browser tests, redis-server for the shared-limit tests, openssl for the certificate of
# their TLS test; nothing is ever downloaded by the tests themselves), then runs `mvn -B verify`
# with any arguments given.
#   ./test.sh                  install what is missing, then mvn -B verify
#   ./test.sh --install-only   install what is missing, and stop
#   ./test.sh -pl agent        extra arguments go to Maven
set -euo pipefail
cd "$(dirname "$0")"

# command that must exist -> the Debian package that provides it
declare -A needed=(
  [/usr/bin/chromium]=chromium
  [/usr/bin/chromedriver]=chromium-driver
  [/usr/bin/redis-server]=redis-server
  [/usr/bin/openssl]=openssl
)

missing=()
for command in "${!needed[@]}"; do
  [ -x "$command" ] || missing+=("${needed[$command]}")
done

if [ "${#missing[@]}" -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "test.sh: installing ${missing[*]} from Debian's packages"
  log=$(mktemp)
  trap 'rm -f "$log"' EXIT
  export DEBIAN_FRONTEND=noninteractive
  if ! { $sudo apt-get update -qq && $sudo apt-get install -y -qq "${missing[@]}"; } >"$log" 2>&1; then
    cat "$log" >&2
    echo "test.sh: could not install ${missing[*]} (needs apt-get and root or sudo)" >&2
    exit 1
  fi
fi

if [ "${1:-}" = "--install-only" ]; then
  exit 0
fi
exec mvn -B verify "$@"
