#!/usr/bin/env bash
# Remakes docs/metrics/dashboard.png (and dashboard-sample.html, the page it is taken of) from a
# real run: the demo application loops its workload (demo-app --hold) with Turnstile and the
# Prometheus JMX exporter attached, the exporter is scraped every 5 s, and halfway through the
# provider's limit is lowered with turnstile-console. dashboard-page.html then draws the Grafana
# dashboard's queries over those scrapes, and headless Chromium takes the picture.
#
#   docs/metrics/make-dashboard-screenshot.sh        about 4 minutes: build, 180 s run, render
#
# Environment: RUN_SECONDS (180), STEER_AT (90, seconds into the run), SKIP_BUILD=1, JAVA (java),
# CHROMIUM (chromium). Needs curl and chromium (Debian: apt-get install chromium).
set -euo pipefail
cd "$(dirname "$0")/../.."

run_seconds="${RUN_SECONDS:-180}"
steer_at="${STEER_AT:-90}"
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

# Limit 8 over a provider that serves 4: 429s, pauses and the adaptive limit at work; then the
# operator lowers the limit to 4 and the 429s stop while the queue and the waits grow.
"$java" "-javaagent:${work}/jmx_prometheus_javaagent-${version}.jar=127.0.0.1:${metrics_port}:agent/src/main/prometheus/turnstile-jmx-exporter.yaml" \
  "-javaagent:agent/target/turnstile-agent.jar=presets=false;providers.mock.hosts=127.0.0.1:${port};providers.mock.limit=8;priority.turn-idle=2s" \
  -jar demo-app/target/turnstile-demo.jar --hold --port "$port" --cap 4 >"$work/demo.log" 2>&1 &
demo=$!
trap 'kill "$demo" 2>/dev/null || true' EXIT

mkdir -p "$work/scrapes"
start=$(date +%s)
steered=false
while (( $(date +%s) - start < run_seconds )); do
  if curl -sf "http://127.0.0.1:${metrics_port}/metrics" >"$work/scrape.txt"; then
    grep -E '^(# (TYPE|HELP) )?turnstile_' "$work/scrape.txt" >"$work/scrapes/$(date +%s%3N).txt" || true
  fi
  if [[ "$steered" == false ]] && (( $(date +%s) - start >= steer_at )); then
    jmx-console/turnstile-console set-limit "$demo" mock 4 >&2
    steered=true
  fi
  sleep 5
done
kill "$demo"
wait "$demo" 2>/dev/null || true
trap - EXIT

page="$out/dashboard-sample.html"
{
  sed '/<!-- DATA -->/q' "$out/dashboard-page.html"
  echo "<script type=\"application/json\" id=\"dashboard\">"
  cat "$out/turnstile-grafana-dashboard.json"
  echo "</script>"
  echo "<script type=\"text/plain\" id=\"run\">A real run of ${run_seconds} s on $(date -u +%Y-%m-%d): demo-app --hold, 16 agents," \
       "provider mock serving 4 at once, Turnstile limit 8, lowered to 4 with turnstile-console at ${steer_at} s.</script>"
  for scrape in "$work"/scrapes/*.txt; do
    echo "<script type=\"text/plain\" class=\"scrape\" data-t=\"$(basename "$scrape" .txt)\">"
    cat "$scrape"
    echo "</script>"
  done
  sed -n '/<!-- DATA -->/,$p' "$out/dashboard-page.html" | tail -n +2
} >"$page"

"$chromium" --headless --no-sandbox --disable-gpu --hide-scrollbars --virtual-time-budget=5000 \
  --window-size=1416,1010 --screenshot="$out/dashboard.png" "file://$(pwd)/$page" 2>/dev/null
echo "wrote $out/dashboard.png and $page ($(ls "$work"/scrapes | wc -l) scrapes; demo log: $work/demo.log)" >&2
