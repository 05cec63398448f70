#!/usr/bin/env bash
# The simulation part of the benchmark results: writes one Markdown section to the file given.
#
#   bash bench/parts/simulation.sh FRAGMENT.md
#
# 1. runs the demo's --compare (no agent / Turnstile / Turnstile FIFO, about 75 s) on the jars
#    already built (demo-app/target/turnstile-demo.jar, agent/target/turnstile-agent.jar);
# 2. runs the discrete-event simulation (dev.turnstile.bench.sim.SimulationReport in
#    bench/target/benchmarks.jar, a few seconds) and writes its grid with the demo's measured
#    numbers next to the simulated ones; the demo's own table follows;
# 3. appends the capacity grid (dev.turnstile.bench.sim.CapacityReport, about a minute): no gate,
#    static limits, the fixed-headroom rule, the old -1/+1, AIMD alone and Turnstile (AIMD and the
#    budget headers) against a provider whose binding limit (concurrency cap, requests or tokens
#    per minute) is hidden, steady or changing mid-run.
# 4. appends the confirmation of one capacity cell on real JVMs (dev.turnstile.bench.sim.CapacityConfirmation,
#    about 2 minutes): agents in a child JVM with agent/target/turnstile-agent.jar and without it,
#    against the simulation's provider model served over HTTP, next to the simulated cell.
# If the demo fails, the section still has the simulation and says the demo gave no table.
# Environment: JAVA the java command; SIM_SEED, SIM_REPLICATIONS, SIM_CAPACITY_REPLICATIONS override
# the defaults (42, 10, 3);
# SIM_SKIP_DEMO=1 leaves the demo out, SIM_SKIP_CONFIRMATION=1 the real-JVM confirmation.
set -euo pipefail
if [[ $# -ne 1 ]]; then
  echo "usage: bash bench/parts/simulation.sh FRAGMENT.md" >&2
  exit 2
fi
fragment="$(realpath -m "$1")"
cd "$(dirname "$0")/../.."

java="${JAVA:-java}"
bench_jar=bench/target/benchmarks.jar
if [[ ! -f "$bench_jar" ]]; then
  echo "missing $bench_jar: build it first (mvn -B -q -pl bench -am package -DskipTests)" >&2
  exit 1
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
demo_args=()
if [[ "${SIM_SKIP_DEMO:-}" != 1 ]]; then
  echo "simulation: running the demo's --compare (about 75 s) ..." >&2
  if DEMO_SKIP_BUILD=1 JAVA="$java" bash demo-app/run-demo.sh --compare >"$work/compare.txt" 2>&1; then
    :
  else
    echo "simulation: the demo's --compare failed (exit $?); its output:" >&2
    cat "$work/compare.txt" >&2
  fi
  demo_args=(--demo "$work/compare.txt")
fi

echo "simulation: simulating ..." >&2
"$java" -cp "$bench_jar" dev.turnstile.bench.sim.SimulationReport \
  --seed "${SIM_SEED:-42}" --replications "${SIM_REPLICATIONS:-10}" "${demo_args[@]}" >"$work/section.md"

if [[ -s "$work/compare.txt" ]] && grep -q '^mean turn time' "$work/compare.txt"; then
  {
    echo "The demo's table, from \`DEMO_SKIP_BUILD=1 demo-app/run-demo.sh --compare\` in this run:"
    echo
    echo '```'
    # from the column header to the verdicts, the lines that hold the numbers
    sed -n '/no agent.*Turnstile/,/^Turnstile vs Turnstile FIFO/p' "$work/compare.txt"
    echo '```'
    echo
  } >>"$work/section.md"
fi
echo "simulation: finding the capacity ..." >&2
"$java" -cp "$bench_jar" dev.turnstile.bench.sim.CapacityReport \
  --seed "${SIM_SEED:-42}" --replications "${SIM_CAPACITY_REPLICATIONS:-3}" >>"$work/section.md"
if [[ "${SIM_SKIP_CONFIRMATION:-}" != 1 ]]; then
  echo "simulation: confirming one capacity cell on real JVMs (about 2 min) ..." >&2
  if "$java" -cp "$bench_jar" dev.turnstile.bench.sim.CapacityConfirmation --agent agent/target/turnstile-agent.jar \
      --apps bench/target/e2e-apps.jar --work "$work/confirmation" >"$work/confirmation.md" 2>"$work/confirmation.err"; then
    cat "$work/confirmation.md" >>"$work/section.md"
  else
    code=$?
    echo "simulation: the real-JVM confirmation failed (exit $code); its output:" >&2
    cat "$work/confirmation.err" >&2
    printf '### Confirmation on a real JVM\n\n**Failed** (exit code %d); its output is in the log of this part.\n\n' \
      "$code" >>"$work/section.md"
  fi
fi
mv "$work/section.md" "$fragment"
echo "simulation: wrote $fragment" >&2
