#!/usr/bin/env bash
# The one-command demo: builds the agent and the demo application, then runs the demo with the
# agent attached (or, with --compare, runs it with and without the agent side by side; with
# --fleet, runs 3 replica JVMs with their own limits, then sharing one limit through Redis).
#
#   demo-app/run-demo.sh              one run with Turnstile attached, live line, then the report
#   demo-app/run-demo.sh --compare    no agent vs Turnstile vs Turnstile FIFO, side by side
#   demo-app/run-demo.sh --fleet      3 replica JVMs, one provider: own limits vs one limit shared through Redis
#   demo-app/run-demo.sh --hold       loop the workload; watch and steer it with JConsole or the console
#   demo-app/run-demo.sh --help       all options
#
# Environment: DEMO_SKIP_BUILD=1 skips the Maven build; DEMO_AGENT_JAR another agent jar;
# JAVA the java command (default: java on the PATH). With --hold it sets DEMO_CONSOLE_COMMAND
# to the turnstile-console launcher it built, for the demo to name.
set -euo pipefail
cd "$(dirname "$0")/.."

port=18089
cap=4
compare=false
fleet=false
hold=false
help=false
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
  case "${args[$i]}" in
    --port) port="${args[$((i + 1))]:-$port}" ;;
    --cap) cap="${args[$((i + 1))]:-$cap}" ;;
    --compare) compare=true ;;
    --fleet) fleet=true ;;
    --hold) hold=true ;;
    --help | -h) help=true ;;
  esac
done

java="${JAVA:-java}"
agent_jar="${DEMO_AGENT_JAR:-agent/target/turnstile-agent.jar}"
demo_jar=demo-app/target/turnstile-demo.jar
built_agent_jar=agent/target/turnstile-agent.jar
console_jar=jmx-console/target/turnstile-console.jar

# True when a jar is missing or a source or build file is newer than it.
stale() {
  [[ -f "$demo_jar" && -f "$built_agent_jar" ]] || return 0
  local oldest="$demo_jar"
  [[ "$built_agent_jar" -ot "$oldest" ]] && oldest="$built_agent_jar"
  [[ -n "$(find pom.xml agent/pom.xml agent/src/main demo-app/pom.xml demo-app/src/main \
            -newer "$oldest" -print -quit)" ]]
}

# True when the console jar is missing or older than a source of it or of the agent.
console_stale() {
  [[ -f "$console_jar" ]] || return 0
  [[ -n "$(find pom.xml agent/pom.xml agent/src/main jmx-console/pom.xml jmx-console/src/main \
            -newer "$console_jar" -print -quit)" ]]
}

# Maven's own progress, one line per module and long step, without colour codes.
# $1: the modules to build (with what they need), $2: what the user is told is being built.
build() {
  echo "building $2 (mvn -B -pl $1 -am package -DskipTests; 1-2 min the first time) ..." >&2
  local log
  log="$(mktemp)"
  # The log decides success below, so the pipeline's own status is not needed.
  mvn -B -pl "$1" -am package -DskipTests 2>&1 | tee "$log" \
    | sed -u 's/\x1b\[[0-9;]*m//g' \
    | grep --line-buffered -E '^\[INFO\] Building Turnstile|laying out|^\[INFO\] BUILD' >&2 || true
  if ! grep -q 'BUILD SUCCESS' "$log"; then
    sed 's/\x1b\[[0-9;]*m//g' "$log" | tail -40 >&2
    echo "the build failed; the lines above say why (whole log: $log)" >&2
    exit 1
  fi
  rm -f "$log"
}

if [[ "${DEMO_SKIP_BUILD:-}" != 1 ]]; then
  if [[ "$hold" == true ]] && { stale || console_stale; }; then
    # --hold tells the user to watch with turnstile-console: build it beside the demo.
    build demo-app,jmx-console "the agent, the demo and turnstile-console"
  elif stale; then
    build demo-app "the agent and the demo"
  fi
fi
if [[ "$hold" == true && -f "$console_jar" ]]; then
  export DEMO_CONSOLE_COMMAND=jmx-console/turnstile-console
fi

if [[ "$help" == true ]]; then
  exec "$java" -jar "$demo_jar" --help
fi

if [[ "$compare" == true || "$fleet" == true ]]; then
  exec "$java" -jar "$demo_jar" --agent-jar "$agent_jar" --port "$port" --cap "$cap" "$@"
fi
# The agent gates the embedded mock provider at 127.0.0.1:<port> with the provider's own limit.
# The demo compresses time (users think 3-4 s between turns), so 2 s of quiet ends an agent's turn.
agent_args="presets=false;providers.mock.hosts=127.0.0.1:${port};providers.mock.limit=${cap};priority.turn-idle=2s"
exec "$java" "-javaagent:${agent_jar}=${agent_args}" -jar "$demo_jar" --port "$port" --cap "$cap" "$@"
