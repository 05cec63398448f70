#!/usr/bin/env bash
# Installs Debian's chromium and chromium-driver for jmx-console's browser tests (Selenium drives
# /usr/bin/chromium through /usr/bin/chromedriver; nothing is ever downloaded by the tests).
# Idempotent and quiet: does nothing when both are installed; prints apt's log only on failure.
set -euo pipefail
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
  exit 0
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  sudo="sudo"
fi
log=$(mktemp)
trap 'rm -f "$log"' EXIT
export DEBIAN_FRONTEND=noninteractive
if ! { $sudo apt-get update -qq && $sudo apt-get install -y -qq chromium chromium-driver; } >"$log" 2>&1; then
  cat "$log" >&2
  echo "install-browser.sh: could not install chromium and chromium-driver" >&2
  exit 1
fi
echo "install-browser.sh: installed $(/usr/bin/chromium --version 2>/dev/null || echo chromium) and chromedriver"
