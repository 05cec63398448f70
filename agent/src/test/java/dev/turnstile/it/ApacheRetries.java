package dev.turnstile.it;

import dev.turnstile.it.support.MockLlmServer;
import dev.turnstile.it.support.MockLlmServer.Exchange;
import dev.turnstile.it.support.Transcript;

import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The rate-limit assertion for a client that retries a 429 by itself (HttpClient 5's default). */
final class ApacheRetries {

    private ApacheRetries() {
    }

    /**
     * The server sent one 429; the client retried it after its Retry-After and the application
     * saw only 200s; and, as for every client, no request reached the server for about a second
     * after the 429 (the retry itself waits for the Retry-After, the others for the pause).
     */
    static void assertRetriedRateLimitHeldTheQueue(MockLlmServer server, Transcript child) {
        List<Exchange> exchanges = AbstractClientIT.byArrival(server);
        List<Exchange> limited = exchanges.stream().filter(e -> e.status == 429).collect(Collectors.toList());
        assertThat(limited).as("one 429 sent: %s", exchanges).hasSize(1);
        assertThat(exchanges).as("the 429 was retried by the client").hasSize(5);
        List<Exchange> later = exchanges.stream().skip(2) // admitted together, before the 429 was known
                .filter(e -> e.arrivedMillis > limited.get(0).finishedMillis)
                .collect(Collectors.toList());
        assertThat(later).as("calls after the 429: %s\n%s", exchanges, child.transcript()).isNotEmpty();
        assertThat(later.get(0).arrivedMillis - limited.get(0).finishedMillis)
                .as("pause after Retry-After: 1 (%s)\n%s", exchanges, child.transcript()).isGreaterThanOrEqualTo(800);
        assertThat(child.stdout()).as("the application saw the retry's answer\n" + child.transcript())
                .filteredOn(line -> line.startsWith("CALL ") && line.endsWith("status=200")).hasSize(4);
    }
}
