#!/usr/bin/env bash
# Builds what it needs, runs every Turnstile benchmark in one go and writes bench/RESULTS.md
# (about 11 minutes on 2 cores). See bench/README.md for what each figure means.
#
#   bench/run.sh                      # everything: overhead startup footprint simulation jmh
#   bench/run.sh startup footprint    # only these parts, into bench/target/results/RESULTS.md
#
# Environment: MVN_FLAGS (e.g. -o for an offline build), RESULTS_NOTE (a sentence put at the top
# of RESULTS.md, e.g. about other load on the machine), RESULTS (where to write).
set -euo pipefail
cd "$(dirname "$0")/.."

OTEL_VERSION=2.33.1                       # the OpenTelemetry Java agent, startup reference
# Section 5 is the scheduler core's three targets; DoorDecisionBenchmark is run by hand (README).
JMH_ARGS=('(Uncontended|Contended|QueueDepth)Benchmark\.' -f 1 -wi 4 -w 1s -i 5 -r 1s -prof gc)
if [[ $# -eq 0 ]]; then
    set -- overhead startup footprint simulation jmh
    RESULTS=${RESULTS:-bench/RESULTS.md}
fi
PARTS_WANTED=("$@")

OUT=bench/target/results
PARTS=$OUT/parts
WORK=$OUT/work
RESULTS=${RESULTS:-$OUT/RESULTS.md}
AGENT=agent/target/turnstile-agent.jar
BENCH=bench/target/benchmarks.jar
APPS=bench/target/e2e-apps.jar
OTEL=bench/target/otel/opentelemetry-javaagent-$OTEL_VERSION.jar
BEGIN=$(date +%s)
rm -rf "$PARTS" "$WORK"
mkdir -p "$PARTS" "$WORK"

elapsed() { local s=$(( $(date +%s) - BEGIN )); printf '%d min %02d s' $((s / 60)) $((s % 60)); }
step() { printf '[%s] %s\n' "$(elapsed)" "$*"; }
load() { cut -d' ' -f1-3 /proc/loadavg; }
wanted() { [[ " ${PARTS_WANTED[*]} " == *" $1 "* ]]; }
LOADS=()

# part NAME FRAGMENT TITLE COMMAND...: runs one part, logs it, and records the load average around
# it; a failed part becomes a section that says so, and the other parts still run.
part() {
    local name=$1 fragment=$2 title=$3
    shift 3
    local before started=$(date +%s) code=0
    before=$(load)
    step "$title"
    "$@" 2>&1 | tee "$WORK/$name.log" || code=$?
    LOADS+=("| $title | $before | $(load) | $(( $(date +%s) - started )) s |")
    if [[ $code -ne 0 ]]; then
        printf '## %s\n\n**Failed** (exit code %d); the log is `%s`.\n' "$title" "$code" "$WORK/$name.log" > "$fragment"
    fi
}

step "build: mvn -B -q package -DskipTests ${MVN_FLAGS:-}"
mvn -B -q ${MVN_FLAGS:-} package -DskipTests
if wanted startup && [[ ! -f $OTEL ]]; then
    step "fetch the OpenTelemetry Java agent $OTEL_VERSION from Maven Central"
    mvn -B -q -N ${MVN_FLAGS:-} org.apache.maven.plugins:maven-dependency-plugin:3.9.0:copy \
        -Dartifact=io.opentelemetry.javaagent:opentelemetry-javaagent:$OTEL_VERSION \
        -DoutputDirectory=bench/target/otel || step "could not fetch it: startup runs without the reference"
fi
E2E=(java -cp "$BENCH")
COMMON=(--agent "$AGENT" --apps "$APPS" --work "$WORK")

wanted overhead && part overhead "$PARTS/1.md" "1. Per-call overhead on loopback" \
    "${E2E[@]}" dev.turnstile.bench.e2e.OverheadBench "${COMMON[@]}" --out "$PARTS/1.md"
wanted startup && part startup "$PARTS/2.md" "2. Startup" \
    "${E2E[@]}" dev.turnstile.bench.e2e.StartupBench "${COMMON[@]}" --otel "$OTEL" --out "$PARTS/2.md"

footprint() {
    local waiters=()
    for run in 1 2 3; do
        java -cp "$BENCH" dev.turnstile.bench.WaiterFootprint 100000 > "$WORK/waiters-$run.txt" || return
        waiters+=("$WORK/waiters-$run.txt")
    done
    local IFS=,
    java -cp "$BENCH" dev.turnstile.bench.e2e.FootprintBench "${COMMON[@]}" --rounds 5 \
        --waiters "${waiters[*]}" --out "$PARTS/3.md"
}
wanted footprint && part footprint "$PARTS/3.md" "3. Footprint" footprint

simulation() {
    if [[ -f bench/parts/simulation.sh ]]; then
        bash bench/parts/simulation.sh "$PARTS/4.md"
    else
        printf '## 4. Simulation\n\n**Missing**: `bench/parts/simulation.sh` is not in this tree yet.\n' > "$PARTS/4.md"
    fi
}
wanted simulation && part simulation "$PARTS/4.md" "4. Simulation" simulation

jmh() {
    java -jar "$BENCH" "${JMH_ARGS[@]}" -rf json -rff "$WORK/jmh.json" || return
    {
        printf '## 5. Core JMH benchmarks (rerun)\n\n'
        printf 'The scheduler core alone, as in the foundation issue; what each benchmark does is in '
        printf '[README.md](README.md). Each score is the median (min–max) of the measurement iterations '
        printf '(one fork); ratios compare medians of the same run. The retained heap per waiter is in '
        printf 'section 3.\n\n'
        java -cp "$BENCH" dev.turnstile.bench.ResultsTable "$WORK/jmh.json" no-footprint \
            "java -jar $BENCH ${JMH_ARGS[*]}" | sed '/^Measured /,+1d'
    } > "$PARTS/5.md.tmp" && mv "$PARTS/5.md.tmp" "$PARTS/5.md"
}
wanted jmh && part jmh "$PARTS/5.md" "5. Core JMH benchmarks" jmh

step "write $RESULTS"
{
    printf '# Turnstile benchmark results\n\n'
    printf 'Written by `bench/run.sh` on %s, in %s.\n\n' "$(date -u '+%Y-%m-%d %H:%M UTC')" "$(elapsed)"
    [[ -n ${RESULTS_NOTE:-} ]] && printf '%s\n\n' "$RESULTS_NOTE"
    printf '| machine | |\n| --- | --- |\n'
    printf '| CPU | %s, %s cores |\n' "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | xargs)" "$(nproc)"
    printf '| memory | %s MiB |\n' "$(( $(grep MemTotal /proc/meminfo | tr -s ' ' | cut -d' ' -f2) / 1024 ))"
    printf '| OS | %s |\n' "$(uname -srm)"
    printf '| JDK | %s |\n\n' "$(java -version 2>&1 | sed -n 2p)"
    printf 'The machine may be shared: the load average (1, 5, 15 min) around each part shows how much '
    printf 'else ran. Above 2 (the core count here) other processes competed for the CPUs.\n\n'
    printf '| part | load before | load after | took |\n| --- | --- | --- | ---: |\n'
    printf '%s\n' "${LOADS[@]}"
    printf '\n## Verdicts at a glance\n\n'
    for fragment in "$PARTS"/*.md; do
        title=$(head -1 "$fragment" | sed 's/^## //')
        grep -E '^- .*\*\*(met|missed)\*\*' "$fragment" | sed "s/^- /- $title — /" || true
    done
    for fragment in "$PARTS"/*.md; do
        printf '\n'
        cat "$fragment"
    done
} > "$RESULTS"
step "done: $RESULTS"
