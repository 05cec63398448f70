#!/usr/bin/env bash
# The one-command demo: builds the agent and the demo application, then runs the demo with the
# agent attached (or, with --compare, runs it with and without the agent side by side).
#
#   demo-app/run-demo.sh              one run with Turnstile attached, live line, then the report
#   demo-app/run-demo.sh --compare    no agent vs Turnstile vs Turnstile FIFO, side by side
#   demo-app/run-demo.sh --hold       loop the workload; watch and steer it with JConsole
#   demo-app/run-demo.sh --help       all options
#
# Environment: DEMO_SKIP_BUILD=1 skips the Maven build; DEMO_AGENT_JAR another agent jar;
# JAVA the java command (default: java on the PATH).
set -euo pipefail
cd "$(dirname "$0")/.."

port=18089
cap=4
compare=false
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
  case "${args[$i]}" in
    --port) port="${args[$((i + 1))]:-$port}" ;;
    --cap) cap="${args[$((i + 1))]:-$cap}" ;;
    --compare) compare=true ;;
  esac
done

if [[ "${DEMO_SKIP_BUILD:-}" != 1 ]]; then
  echo "building the agent and the demo (mvn -B -q -pl demo-app -am package -DskipTests) ..." >&2
  mvn -B -q -pl demo-app -am package -DskipTests
fi

java="${JAVA:-java}"
agent_jar="${DEMO_AGENT_JAR:-agent/target/turnstile-agent.jar}"
demo_jar=demo-app/target/turnstile-demo.jar

if [[ "$compare" == true ]]; then
  exec "$java" -jar "$demo_jar" --agent-jar "$agent_jar" --port "$port" --cap "$cap" "$@"
fi
# The agent gates the embedded mock provider at 127.0.0.1:<port> with the provider's own limit.
# The demo compresses time (users think 3-4 s between turns), so 2 s of quiet ends an agent's turn.
agent_args="presets=false;providers.mock.hosts=127.0.0.1:${port};providers.mock.limit=${cap};priority.turn-idle=2s"
exec "$java" "-javaagent:${agent_jar}=${agent_args}" -jar "$demo_jar" --port "$port" --cap "$cap" "$@"
