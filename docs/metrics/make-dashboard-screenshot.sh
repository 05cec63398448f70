#!/usr/bin/env bash
# Remakes docs/metrics/dashboard.png from a
# real run: the demo application loops its workload (demo-app --hold) with Turnstile and the
# Prometheus JMX exporter attached, the exporter is scraped every 3 s, and an operator changes the
# provider's limit with turnstile-console on the way. dashboard-page.html then draws the Grafana
# dashboard's queries over those scrapes, and headless Chromium takes the picture.
#
#   docs/metrics/make-dashboard-screenshot.sh        about 4 minutes: build, 180 s run, render
#
# Environment: RUN_SECONDS (180), STEPS ("60:8 120:2": at 60 s into the run the limit becomes 8, at
# 120 s 2), SKIP_BUILD=1, JAVA (java), CHROMIUM (chromium). Needs curl and chromium (Debian: apt-get install chromium).
set -euo pipefail
cd "$(dirname "$0")/../.."

run_seconds="${RUN_SECONDS:-180}"
steps="${STEPS:-60:8 120:2}"
java="${JAVA:-java}"
chromium="${CHROMIUM:-chromium}"
port=18089
metrics_port=19404
out=docs/metrics
work="$(mktemp -d)"

if [[ "${SKIP_BUILD:-}" != 1 ]]; then
  echo "building the agent, the demo and the console (mvn -B -q -pl demo-app,jmx-console -am package -DskipTests) ..." >&2
  mvn -B -q -pl demo-app,jmx-console -am package -DskipTests
fi
version="$(sed -n 's:.*<jmx-exporter.version>\(.*\)</jmx-exporter.version>.*:\1:p' pom.xml)"
mvn -B -q org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
  -Dartifact="io.prometheus.jmx:jmx_prometheus_javaagent:${version}" -DoutputDirectory="$work"

# The provider (the demo's mock) serves 4 calls at once and answers 429 + Retry-After: 3 above that.
# Turnstile starts at limit 4: no 429s. Limit 8: 429s, pauses, the adaptive limit in force drops
# and climbs back. Limit 2: no 429s, the queue and the waits grow.
"$java" "-javaagent:${work}/jmx_prometheus_javaagent-${version}.jar=127.0.0.1:${metrics_port}:agent/src/main/prometheus/turnstile-jmx-exporter.yaml" \
  "-javaagent:agent/target/turnstile-agent.jar=presets=false;providers.mock.hosts=127.0.0.1:${port};providers.mock.limit=4;priority.turn-idle=2s" \
  -jar demo-app/target/turnstile-demo.jar --hold --port "$port" --cap 4 --retry-after 3 >"$work/demo.log" 2>&1 &
demo=$!
trap 'kill "$demo" 2>/dev/null || true' EXIT

mkdir -p "$work/scrapes"
start=$(date +%s)
pending=($steps)
while (( $(date +%s) - start < run_seconds )); do
  if curl -sf "http://127.0.0.1:${metrics_port}/metrics" >"$work/scrape.txt"; then
    grep -E '^(# (TYPE|HELP) )?turnstile_' "$work/scrape.txt" >"$work/scrapes/$(date +%s%3N).txt" || true
  fi
  if (( ${#pending[@]} > 0 )) && (( $(date +%s) - start >= ${pending[0]%%:*} )); then
    jmx-console/turnstile-console set-limit "$demo" mock "${pending[0]#*:}" >&2
    pending=("${pending[@]:1}")
  fi
  sleep 3
done
kill "$demo"
wait "$demo" 2>/dev/null || true
trap - EXIT

page="$work/dashboard-sample.html" # the page with the scrapes in it; open it in a browser
{
  sed '/<!-- DATA -->/q' "$out/dashboard-page.html"
  echo "<script type=\"application/json\" id=\"dashboard\">"
  cat "$out/turnstile-grafana-dashboard.json"
  echo "</script>"
  echo "<script type=\"text/plain\" id=\"run\">A real run of ${run_seconds} s on $(date -u +%Y-%m-%d): demo-app --hold, 16 agents," \
       "provider mock serving 4 at once (429 + Retry-After: 3 above), Turnstile limit 4, then (seconds:limit, set with" \
       "turnstile-console) ${steps}.</script>"
  for scrape in "$work"/scrapes/*.txt; do
    echo "<script type=\"text/plain\" class=\"scrape\" data-t=\"$(basename "$scrape" .txt)\">"
    cat "$scrape"
    echo "</script>"
  done
  sed -n '/<!-- DATA -->/,$p' "$out/dashboard-page.html" | tail -n +2
} >"$page"

"$chromium" --headless --no-sandbox --disable-gpu --hide-scrollbars --virtual-time-budget=5000 \
  --window-size=1416,1064 --screenshot="$out/dashboard.png" "file://$page" 2>/dev/null
echo "wrote $out/dashboard.png and $page ($(ls "$work"/scrapes | wc -l) scrapes; demo log: $work/demo.log)" >&2
