package dev.turnstile.it;

import dev.turnstile.it.apps.MetricsApp;
import dev.turnstile.it.support.ChildJvm;
import dev.turnstile.it.support.MockLlmServer;
import dev.turnstile.it.support.PrometheusText;
import dev.turnstile.it.support.RemoteJmx;
import org.junit.jupiter.api.Test;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The Prometheus JMX exporter agent (the real one, {@code jmx_prometheus_javaagent} 1.0.1) beside
 * Turnstile with the rules file that Turnstile ships: the series have conventional names, types,
 * help and labels, and their values are the MBeans'.
 */
class PrometheusExporterIT {

    private static final Duration AWAIT = Duration.ofSeconds(60);
    private static final ObjectName PROVIDER = name("dev.turnstile:type=Provider,name=test");
    private static final ObjectName TURNSTILE = name("dev.turnstile:type=Turnstile");
    private static final int CALLS = 6;

    @Test
    void theShippedRulesGiveTypedConventionalSeriesWithTheMBeansValues() throws Exception {
        Path exporter = existing("turnstile.it.jmxExporterJar");
        Path rules = existing("turnstile.it.jmxExporterRules");
        int jmxPort = RemoteJmx.freePort();
        int metricsPort = RemoteJmx.freePort();
        try (MockLlmServer server = new MockLlmServer()) {
            List<String> options = new ArrayList<>(RemoteJmx.options(jmxPort));
            options.add("-javaagent:" + exporter.toAbsolutePath() + "=127.0.0.1:" + metricsPort + ":" + rules.toAbsolutePath());
            String agentArgs = "presets=false;providers.test.hosts=127.0.0.1:" + server.port() + ";providers.test.limit=2";
            try (ChildJvm child = ChildJvm.start(Paths.get(System.getProperty("java.home")), agentArgs, options,
                    MetricsApp.class, server.url("/v1/chat?delayMs=300"), server.url("/v1/ratelimit?first=1&retryAfter=1"),
                    String.valueOf(CALLS))) {
                child.awaitOutput("CALLS-DONE", AWAIT);
                assertThat(child.stdout()).as(child.transcript())
                        .anyMatch(line -> line.equals("CALLS-DONE statuses=[200, 200, 200, 200, 200, 200, 429, 200]"));
                assertThat(server.maxInFlight()).as("both agents on, Turnstile still gates").isEqualTo(2);

                PrometheusText scrape = PrometheusText.parse(get("http://127.0.0.1:" + metricsPort + "/metrics"));
                try (JMXConnector connector = RemoteJmx.connect(RemoteJmx.url(jmxPort), child)) {
                    MBeanServerConnection jmx = connector.getMBeanServerConnection();
                    checkFamilies(scrape);
                    checkValues(scrape, jmx);
                }
                child.stdin().close();
                assertThat(child.awaitExit(AWAIT)).isZero();
            }
        }
    }

    /** Every Turnstile family is typed, helped, and named as Prometheus users expect. */
    private static void checkFamilies(PrometheusText scrape) {
        Map<String, String> gauges = Map.ofEntries(
                Map.entry("turnstile_provider_limit", "gauge"),
                Map.entry("turnstile_provider_effective_limit", "gauge"),
                Map.entry("turnstile_provider_in_flight", "gauge"),
                Map.entry("turnstile_provider_queued", "gauge"),
                Map.entry("turnstile_provider_paused", "gauge"),
                Map.entry("turnstile_provider_pause_remaining_seconds", "gauge"),
                Map.entry("turnstile_provider_wait_seconds", "gauge"),
                Map.entry("turnstile_provider_hold_seconds", "gauge"),
                Map.entry("turnstile_enabled", "gauge"),
                Map.entry("turnstile_global_limit", "gauge"),
                Map.entry("turnstile_global_in_flight", "gauge"),
                Map.entry("turnstile_global_queued", "gauge"));
        List<String> counters = List.of("started", "completed", "failed", "rate_limited", "reclaimed", "abandoned",
                "timed_out", "cancelled");
        Map<String, String> turnstile = scrape.typesStartingWith("turnstile_");
        assertThat(turnstile).as("the families, with their # TYPE\n" + scrape).containsAllEntriesOf(gauges);
        for (String outcome : counters) {
            // The text format 0.0.4 that the exporter serves names a counter family with its _total.
            assertThat(turnstile).containsEntry("turnstile_provider_calls_" + outcome + "_total", "counter");
            assertThat(scrape.value("turnstile_provider_calls_" + outcome + "_total", Map.of("provider", "test")))
                    .as(outcome).isNotNull();
        }
        assertThat(turnstile).containsEntry("turnstile_provider_pauses_total", "counter");
        assertThat(turnstile).hasSize(gauges.size() + counters.size() + 1);
        assertThat(turnstile.keySet()).allSatisfy(name -> {
            assertThat(scrape.help(name)).as("help of " + name).isNotBlank();
            assertThat(name).doesNotContain("millis").doesNotContain("turnstile_turnstile").doesNotContain("dev_");
        });
        assertThat(scrape.labelSets("turnstile_provider_wait_seconds")).containsExactlyInAnyOrder(
                Map.of("provider", "test", "quantile", "0.5"), Map.of("provider", "test", "quantile", "0.99"));
        assertThat(scrape.labelSets("turnstile_global_in_flight")).containsExactly(Map.of());
    }

    private static void checkValues(PrometheusText scrape, MBeanServerConnection jmx) throws Exception {
        Map<String, String> test = Map.of("provider", "test");
        assertThat(scrape.value("turnstile_provider_calls_started_total", test))
                .isEqualTo(number(jmx, PROVIDER, "StartedTotal")).isEqualTo(CALLS + 2);
        assertThat(scrape.value("turnstile_provider_calls_completed_total", test))
                .isEqualTo(number(jmx, PROVIDER, "CompletedTotal")).isEqualTo(CALLS + 2);
        assertThat(scrape.value("turnstile_provider_calls_rate_limited_total", test))
                .isEqualTo(number(jmx, PROVIDER, "RateLimitedTotal")).isEqualTo(1);
        assertThat(scrape.value("turnstile_provider_pauses_total", test))
                .isEqualTo(number(jmx, PROVIDER, "PausesTotal")).isEqualTo(1);
        assertThat(scrape.value("turnstile_provider_calls_failed_total", test)).isZero();
        assertThat(scrape.value("turnstile_provider_limit", test)).isEqualTo(number(jmx, PROVIDER, "Limit")).isEqualTo(2);
        assertThat(scrape.value("turnstile_provider_effective_limit", test))
                .as("adaptive: one less after the 429").isEqualTo(number(jmx, PROVIDER, "EffectiveLimit")).isEqualTo(1);
        assertThat(scrape.value("turnstile_provider_in_flight", test)).isZero();
        assertThat(scrape.value("turnstile_provider_queued", test)).isZero();
        assertThat(scrape.value("turnstile_provider_paused", test)).isZero();
        assertThat(scrape.value("turnstile_global_in_flight", Map.of())).isEqualTo(number(jmx, TURNSTILE, "GlobalInFlight"));
        assertThat(scrape.value("turnstile_enabled", Map.of())).isEqualTo(1);
        for (String[] quantile : new String[][] {{"0.5", "P50"}, {"0.99", "P99"}}) {
            Map<String, String> labels = Map.of("provider", "test", "quantile", quantile[0]);
            assertThat(scrape.value("turnstile_provider_wait_seconds", labels))
                    .isCloseTo(number(jmx, PROVIDER, "Wait" + quantile[1] + "Millis1m") / 1000, within(1e-9));
            assertThat(scrape.value("turnstile_provider_hold_seconds", labels))
                    .isCloseTo(number(jmx, PROVIDER, "Hold" + quantile[1] + "Millis1m") / 1000, within(1e-9));
        }
        assertThat(scrape.value("turnstile_provider_wait_seconds", Map.of("provider", "test", "quantile", "0.99")))
                .as("6 calls of 300 ms through 2 slots: some waited").isGreaterThan(0.2);
        assertThat(scrape.value("turnstile_provider_hold_seconds", Map.of("provider", "test", "quantile", "0.5")))
                .as("a call of 300 ms held its slot for as long").isBetween(0.25, 5.0);
    }

    private static double number(MBeanServerConnection jmx, ObjectName bean, String attribute) throws Exception {
        return ((Number) jmx.getAttribute(bean, attribute)).doubleValue();
    }

    private static String get(String url) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private static Path existing(String property) {
        Path path = Paths.get(System.getProperty(property, "missing"));
        assertThat(path).as(property + " (set by the build)").isRegularFile();
        return path;
    }

    private static ObjectName name(String text) {
        try {
            return new ObjectName(text);
        } catch (javax.management.MalformedObjectNameException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
