package dev.turnstile.console.it;

import dev.turnstile.console.it.support.Console;
import dev.turnstile.console.it.support.Fixture;
import dev.turnstile.console.it.support.Jmx;
import dev.turnstile.console.it.support.TargetJvm;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The web console outlives its target: it answers 502 while the target is gone and reconnects when it is back. */
class ReconnectIT {

    private static final String ARGS = "presets=false;providers.other.hosts=127.0.0.1:9;providers.other.limit=3";

    private static HttpResponse<String> status(HttpClient http, Console console) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(console.url("/api/status"))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void awaitJmx(TargetJvm target) throws Exception {
        try (Jmx jmx = Jmx.connect(target, Duration.ofSeconds(60))) {
            Fixture.await(() -> {
                try {
                    return jmx.registered(Jmx.provider("other"));
                } catch (Exception e) {
                    return false;
                }
            }, "the provider MBean");
        }
    }

    @Test
    void theConsoleReconnectsWhenTheTargetIsBack() throws Exception {
        int port = TargetJvm.freePort();
        HttpClient http = HttpClient.newHttpClient();
        TargetJvm first = TargetJvm.withTurnstile(ARGS, "http://127.0.0.1:9/", 0, port);
        try (Console console = new Console("127.0.0.1:" + port)) {
            try {
                awaitJmx(first);
                assertThat(status(http, console).body()).contains("\"id\":\"other\"");
            } finally {
                first.close();
            }
            Fixture.await(() -> {
                try {
                    HttpResponse<String> answer = status(http, console);
                    return answer.statusCode() == 502 && answer.body().startsWith("{\"error\":");
                } catch (Exception e) {
                    return false;
                }
            }, "502 while the target is gone");
            try (TargetJvm second = TargetJvm.withTurnstile(ARGS, "http://127.0.0.1:9/", 0, port)) {
                awaitJmx(second);
                Fixture.await(() -> {
                    try {
                        return status(http, console).statusCode() == 200;
                    } catch (Exception e) {
                        return false;
                    }
                }, "the console to reconnect");
            }
        }
    }
}
