package dev.turnstile.observability;

import dev.turnstile.observability.apps.ActuatorApp;
import dev.turnstile.observability.support.ChildJvm;
import dev.turnstile.observability.support.GatedTraffic;
import dev.turnstile.observability.support.Jmx;
import dev.turnstile.observability.support.Provider;
import dev.turnstile.observability.support.Scrape;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.turnstile.observability.support.GatedTraffic.PROVIDER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A Spring Boot 3 application with Actuator and the Prometheus registry, started with Turnstile
 * and nothing else changed: Turnstile's meters are in {@code /actuator/prometheus} and
 * {@code /actuator/metrics}, typed, tagged {@code provider}, with the MBeans' values.
 */
class SpringBootActuatorIT {

    private static final Duration STARTUP = Duration.ofSeconds(120);
    private static final Pattern MEASUREMENT = Pattern.compile("\"statistic\":\"(\\w+)\",\"value\":([-0-9.E]+)");

    @Test
    void turnstilesMetersAreInTheActuatorEndpointsWithTheMBeansValues() throws Exception {
        int http = ChildJvm.freePort();
        int jmxPort = ChildJvm.freePort();
        try (Provider provider = new Provider()) {
            List<String> options = new ArrayList<>(List.of(ChildJvm.turnstile(GatedTraffic.agentArguments(provider))));
            options.addAll(Jmx.options(jmxPort));
            try (ChildJvm app = ChildJvm.start(options, ChildJvm.fullClassPath(), ActuatorApp.class, provider.url(),
                    "--server.port=" + http, "--server.address=127.0.0.1", "--spring.main.banner-mode=off",
                    "--management.endpoints.web.exposure.include=prometheus,metrics");
                 Jmx jmx = Jmx.connect(jmxPort, app)) {
                app.awaitOutput("READY", STARTUP);
                String base = "http://127.0.0.1:" + http + "/actuator";
                GatedTraffic traffic = new GatedTraffic(app, jmx, provider);

                traffic.holdSixCalls();
                Scrape held = Scrape.of(base + "/prometheus");
                assertThat(held.value("turnstile_provider_in_flight", "provider", PROVIDER)).as(held.toString()).isEqualTo(2.0);
                assertThat(held.value("turnstile_provider_queued", "provider", PROVIDER)).isEqualTo(4.0);
                assertThat(held.value("turnstile_provider_limit", "provider", PROVIDER)).isEqualTo(2.0);
                assertThat(held.value("turnstile_provider_effective_limit", "provider", PROVIDER)).isEqualTo(2.0);
                assertThat(held.value("turnstile_global_in_flight")).isEqualTo(2.0);
                assertThat(held.value("turnstile_global_queued")).isEqualTo(4.0);
                assertThat(held.value("turnstile_provider_in_flight", "provider", "openai"))
                        .as("the built-in providers too").isEqualTo(0.0);

                traffic.releaseThem();
                traffic.oneRateLimitedCall();
                Scrape after = Scrape.of(base + "/prometheus");
                for (String[] counter : GatedTraffic.COUNTERS) {
                    String series = "turnstile_provider_calls_" + counter[1] + "_total";
                    assertThat(after.value(series, "provider", PROVIDER)).as(series + "\n" + after)
                            .isEqualTo(jmx.provider(PROVIDER, counter[0]));
                    assertThat(after.type(series)).as(series).isEqualTo("counter");
                }
                assertThat(after.value("turnstile_provider_calls_started_total", "provider", PROVIDER)).isEqualTo(7.0);
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
                assertThat(after.type("turnstile_provider_pause_remaining_seconds")).isEqualTo("gauge");
                assertThat(after.type("turnstile_provider_paused")).isEqualTo("gauge");
                assertThat(after.type("turnstile_provider_in_flight")).isEqualTo("gauge");
                assertThat(after.help("turnstile_provider_in_flight")).isEqualTo("Calls holding a slot now");
                assertThat(after.value("turnstile_enabled")).isEqualTo(1.0);
                assertThat(after.value("turnstile_global_in_flight")).isEqualTo(0.0);

                assertThat(Scrape.get(base + "/metrics")).contains("\"turnstile.provider.calls.started\"",
                        "\"turnstile.provider.in_flight\"", "\"turnstile.provider.wait\"", "\"turnstile.global.limit\"");
                assertThat(measurements(base + "/metrics/turnstile.provider.calls.started?tag=provider:" + PROVIDER))
                        .isEqualTo("COUNT=7.0");
                assertThat(measurements(base + "/metrics/turnstile.provider.queued?tag=provider:" + PROVIDER))
                        .isEqualTo("VALUE=0.0");
                assertThat(measurements(base + "/metrics/turnstile.provider.limit?tag=provider:" + PROVIDER))
                        .isEqualTo("VALUE=2.0");
            }
        }
    }

    /** The measurements of one {@code /actuator/metrics/<name>} answer, as {@code STATISTIC=value} joined by spaces. */
    private static String measurements(String url) throws Exception {
        Matcher measurement = MEASUREMENT.matcher(Scrape.get(url));
        List<String> found = new ArrayList<>();
        while (measurement.find()) {
            found.add(measurement.group(1) + "=" + Double.parseDouble(measurement.group(2)));
        }
        return String.join(" ", found);
    }
}
