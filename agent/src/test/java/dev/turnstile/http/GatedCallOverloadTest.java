package dev.turnstile.http;

import dev.turnstile.core.ProviderSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** Which answers and failures a gated call reports to the overload breaker. */
class GatedCallOverloadTest {

    private final Gate gate = OpenAiGate.of(true, System::nanoTime);

    GatedCallOverloadTest() {
        gate.scheduler().setBreakerFailures("openai", 5);
    }

    private GatedCall started() throws IOException {
        GatedCall call = gate.open("POST", "https", "api.openai.com", -1, "/v1/chat/completions",
                HeaderLookup.of(Map.of()));
        call.acquire();
        return call;
    }

    private void answered(int status) throws IOException {
        GatedCall call = started();
        call.onResponse(status, HeaderLookup.of(Map.of()));
        call.complete();
    }

    private void failedWith(Throwable error) throws IOException {
        started().fail(error);
    }

    private int failuresInARow() {
        ProviderSnapshot snapshot = gate.scheduler().snapshot("openai");
        return snapshot.consecutiveFailures();
    }

    @ParameterizedTest
    @ValueSource(ints = {502, 503, 504})
    void anOverloadStatusCounts(int status) throws IOException {
        answered(status);

        assertThat(failuresInARow()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(ints = {200, 400, 404, 429, 500})
    void anyOtherAnswerStartsTheCountOver(int status) throws IOException {
        answered(503);
        answered(status);

        assertThat(failuresInARow()).isZero();
    }

    @Test
    void aBackOffStatusIsNeverAlsoAnOverload() throws IOException {
        answered(529); // in backoff.statuses by default: it pauses as a rate limit, and only so

        assertThat(failuresInARow()).isZero();
        assertThat(gate.scheduler().snapshot("openai").rateLimited()).isEqualTo(1);
    }

    @Test
    void failuresToReachTheProviderCount() throws IOException {
        failedWith(new ConnectException("Connection refused"));
        failedWith(new SocketTimeoutException("connect timed out"));
        failedWith(new IOException("wrapped", new SocketException("Connection reset")));

        assertThat(failuresInARow()).isEqualTo(3);
    }

    @Test
    void aCancelOrAnInterruptIsNoOverload() throws IOException {
        failedWith(new IOException("Canceled"));
        failedWith(new InterruptedIOException("interrupted"));
        started().fail();

        assertThat(failuresInARow()).isZero();
    }

    @Test
    void aFailureAfterTheAnswerIsNoOverload() throws IOException {
        GatedCall call = started();
        call.onResponse(200, HeaderLookup.of(Map.of()));
        call.fail(new SocketException("Connection reset")); // mid-body: the provider did answer

        assertThat(failuresInARow()).isZero();
    }

    @Test
    void theThresholdOpensTheBreakerAndPausesTheQueue() throws IOException {
        for (int i = 0; i < 5; i++) {
            answered(503);
        }

        ProviderSnapshot snapshot = gate.scheduler().snapshot("openai");
        assertThat(snapshot.breakerState()).isEqualTo("open");
        assertThat(snapshot.paused()).isTrue();
        assertThat(snapshot.pauseReason()).startsWith("overloaded: 5 failures in a row, the last HTTP 503");
    }

    @Test
    void aProbeAnsweredWithARateLimitClosesTheBreakerButTheQueueWaitsForTheRateLimitsPause() throws IOException {
        gate.scheduler().setBreakerFailures("openai", 1);
        answered(503);
        gate.scheduler().resume("openai"); // the breaker's pause is over: the next call probes
        GatedCall probe = started();
        GatedCall queued = gate.open("POST", "https", "api.openai.com", -1, "/v1/chat/completions",
                HeaderLookup.of(Map.of()));
        CompletableFuture<Void> slot = queued.acquireAsync();
        assertThat(slot).as("behind the probe").isNotDone();

        probe.onResponse(429, HeaderLookup.of(Map.of("retry-after", "5")));

        assertThat(gate.scheduler().snapshot("openai").breakerState()).isEqualTo("closed");
        assertThat(slot).as("held by the 429's pause, not let go by the closing breaker").isNotDone();
        assertThat(gate.scheduler().snapshot("openai").pauseReason()).contains("5000 ms");
        queued.fail();
        probe.complete();
    }
}
