#!/usr/bin/env bash
# Builds the benchmarks, runs every JMH benchmark side by side in one JVM session plus the
# waiter footprint, and writes a Markdown results table (bench/target/results/results.md).
#
#   bench/run-benchmarks.sh                 # the full run (about 3½ minutes on 2 cores)
#   bench/run-benchmarks.sh Uncontended     # extra arguments go to JMH (here: a name filter)
set -euo pipefail
cd "$(dirname "$0")/.."

mvn -B -q -pl bench -am package -DskipTests

JAR=bench/target/benchmarks.jar
OUT=bench/target/results
mkdir -p "$OUT"
JMH_ARGS=(-f 1 -wi 5 -w 1s -i 5 -r 1s -prof gc -rf csv -rff "$OUT/jmh.csv")

# Other processes on the machine skew the scores; the load average goes into the results.
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
java -jar "$JAR" "${JMH_ARGS[@]}" "$@" | tee "$OUT/jmh.log"
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
java -cp "$JAR" dev.turnstile.bench.WaiterFootprint 100000 | tee "$OUT/footprint.txt"
java -cp "$JAR" dev.turnstile.bench.ResultsTable "$OUT/jmh.csv" "$OUT/footprint.txt" \
    "java -jar $JAR ${JMH_ARGS[*]} $*" > "$OUT/results.md"
printf '\nLoad average (1, 5, 15 min) before the JMH run: %s; after: %s.\n' \
    "$LOAD_BEFORE" "$LOAD_AFTER" >> "$OUT/results.md"
echo
cat "$OUT/results.md"
