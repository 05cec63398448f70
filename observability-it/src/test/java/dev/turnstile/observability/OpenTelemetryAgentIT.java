package dev.turnstile.observability;

import dev.turnstile.observability.apps.PlainApp;
import dev.turnstile.observability.support.ChildJvm;
import dev.turnstile.observability.support.GatedTraffic;
import dev.turnstile.observability.support.Jmx;
import dev.turnstile.observability.support.Provider;
import dev.turnstile.observability.support.Scrape;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.turnstile.observability.support.GatedTraffic.PROVIDER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The OpenTelemetry Java agent beside Turnstile, with the JMX rules Turnstile ships
 * ({@code otel.jmx.config}) and its Prometheus exporter: both agents start, Turnstile still gates
 * (the provider never sees more than the limit), and Turnstile's metrics are in the agent's
 * pipeline with OpenTelemetry's names, units and instrument types, and the MBeans' values. Both
 * agents change the JDK's HttpClient, so both orders of the two {@code -javaagent} options are run.
 */
class OpenTelemetryAgentIT {

    private static final Duration PATIENCE = Duration.ofSeconds(120);

    @ParameterizedTest(name = "OpenTelemetry agent first: {0}")
    @ValueSource(booleans = {true, false})
    void turnstilesMetricsAreInTheOpenTelemetryAgentsPipelineAndCallsAreStillGated(boolean otelFirst) throws Exception {
        int metricsPort = ChildJvm.freePort();
        int jmxPort = ChildJvm.freePort();
        try (Provider provider = new Provider()) {
            String otel = "-javaagent:" + ChildJvm.existing("turnstile.otel.agent.jar",
                    "target/agents/opentelemetry-javaagent.jar");
            String turnstile = ChildJvm.turnstile(GatedTraffic.agentArguments(provider));
            List<String> options = new ArrayList<>(otelFirst ? List.of(otel, turnstile) : List.of(turnstile, otel));
            options.addAll(List.of(
                    "-Dotel.jmx.config=" + ChildJvm.existing("turnstile.otel.jmx.yaml", "../agent/target/turnstile-otel-jmx.yaml"),
                    "-Dotel.jmx.discovery.delay=200",
                    "-Dotel.metrics.exporter=prometheus",
                    "-Dotel.exporter.prometheus.host=127.0.0.1",
                    "-Dotel.exporter.prometheus.port=" + metricsPort,
                    "-Dotel.metric.export.interval=500",
                    "-Dotel.traces.exporter=none",
                    "-Dotel.logs.exporter=none",
                    "-Dotel.service.name=turnstile-it"));
            options.addAll(Jmx.options(jmxPort));
            try (ChildJvm app = ChildJvm.start(options, ChildJvm.testClassesOnly(), PlainApp.class, provider.url());
                 Jmx jmx = Jmx.connect(jmxPort, app)) {
                app.awaitOutput("READY", PATIENCE);
                String metrics = "http://127.0.0.1:" + metricsPort + "/metrics";
                GatedTraffic traffic = new GatedTraffic(app, jmx, provider);

                traffic.holdSixCalls();
                app.awaitCondition(() -> Double.valueOf(2.0).equals(scrape(metrics)
                                .value("turnstile_provider_in_flight", "provider", PROVIDER)),
                        "turnstile_provider_in_flight 2 at " + metrics, PATIENCE);
                Scrape held = scrape(metrics);
                assertThat(held.value("turnstile_provider_queued", "provider", PROVIDER)).as(held.toString()).isEqualTo(4.0);
                assertThat(held.value("turnstile_provider_limit", "provider", PROVIDER)).isEqualTo(2.0);
                assertThat(held.value("turnstile_provider_effective_limit", "provider", PROVIDER)).isEqualTo(2.0);
                assertThat(held.value("turnstile_global_in_flight")).isEqualTo(2.0);

                traffic.releaseThem();
                traffic.oneRateLimitedCall();
                app.awaitCondition(() -> Double.valueOf(7.0).equals(scrape(metrics)
                                .value("turnstile_provider_calls_started_total", "provider", PROVIDER)),
                        "turnstile_provider_calls_started_total 7", PATIENCE);
                Scrape after = scrape(metrics);
                for (String[] counter : GatedTraffic.COUNTERS) {
                    String series = "turnstile_provider_calls_" + counter[1] + "_total";
                    assertThat(after.value(series, "provider", PROVIDER)).as(series + "\n" + after)
                            .isEqualTo(jmx.provider(PROVIDER, counter[0]));
                    assertThat(after.type(series)).as(series).isEqualTo("counter");
                }
                assertThat(after.value("turnstile_provider_calls_rate_limited_total", "provider", PROVIDER)).isEqualTo(1.0);
                assertThat(after.value("turnstile_provider_pauses_total", "provider", PROVIDER))
                        .isEqualTo(jmx.provider(PROVIDER, "PausesTotal")).isGreaterThanOrEqualTo(1.0);
                for (String[] time : new String[][] {{"wait", "Wait"}, {"hold", "Hold"}}) {
                    String series = "turnstile_provider_" + time[0] + "_seconds";
                    assertThat(after.type(series)).as(series).isEqualTo("gauge");
                    assertThat(after.value(series, "provider", PROVIDER, "quantile", "0.99")).as(series)
                            .isCloseTo(jmx.provider(PROVIDER, time[1] + "P99Millis1m") / 1000, within(1e-9));
                    assertThat(after.value(series, "provider", PROVIDER, "quantile", "0.5")).as(series)
                            .isCloseTo(jmx.provider(PROVIDER, time[1] + "P50Millis1m") / 1000, within(1e-9));
                }
                assertThat(after.value("turnstile_provider_hold_seconds", "provider", PROVIDER, "quantile", "0.99"))
                        .as("the held calls were held a while").isPositive();
                assertThat(after.type("turnstile_provider_in_flight")).as("an UpDownCounter").isEqualTo("gauge");
                assertThat(after.help("turnstile_provider_in_flight")).isEqualTo("Calls holding a slot now");
                assertThat(after.type("turnstile_provider_pause_remaining_seconds")).isEqualTo("gauge");
                assertThat(after.value("turnstile_global_limit")).isEqualTo(jmx.global("GlobalLimit"));
                assertThat(after.value("turnstile_global_queued")).isEqualTo(0.0);
                assertThat(app.count("could not instrument") + app.count("internal error"))
                        .as("Turnstile's own complaints\n" + app.transcript()).isZero();
            }
        }
    }

    private static Scrape scrape(String url) {
        try {
            return Scrape.of(url);
        } catch (Exception notYet) {
            throw new IllegalStateException(notYet);
        }
    }
}
