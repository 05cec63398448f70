#!/usr/bin/env bash
# The long soak: SoakIT (see agent/src/test/java/dev/turnstile/it/SoakIT.java) for MINUTES
# minutes (default 10) instead of its few CI rounds. Progress every 30 s, then a summary; the
# whole output also goes to agent/target/soak-<time>.log. Extra arguments go to Maven, e.g.
#   agent/soak.sh 10 -o -Dsoak.seed=12345 -Dsoak.jdk=/usr/lib/jvm/temurin-25-jdk-amd64
set -euo pipefail
cd "$(dirname "$0")/.."
minutes="${1:-10}"
shift || true
mkdir -p agent/target
log="agent/target/soak-$(date -u +%Y%m%dT%H%M%SZ).log"
echo "soak: ${minutes} minutes, log in ${log}"
status=0
mvn -B -pl agent verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=SoakIT \
    -Dsoak.minutes="${minutes}" "$@" 2>&1 | tee "${log}" || status=$?
echo "--- summary ---"
grep -E 'child\| (SOAK|BASELINE|ROUND|SUMMARY|UNEXPECTED|RECLAIMED|GROWTH|COUNTERS|DONE|FAIL|HUNG)|SoakIT|Tests run:|BUILD' "${log}" \
    | grep -v '^\[INFO\] Running' || true
exit "${status}"
