package dev.turnstile.http;

import dev.turnstile.config.AgentIdentity;
import dev.turnstile.config.HostPattern;
import dev.turnstile.config.ProviderConfig;
import dev.turnstile.config.TurnstileConfig;
import dev.turnstile.core.ProviderSettings;
import dev.turnstile.core.SchedulerSettings;
import dev.turnstile.core.SlotScheduler;
import dev.turnstile.core.time.TimerService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GateTest {

    private static final TimerService NO_TIMER = (task, delay) -> () -> { };

    private final SlotScheduler scheduler = new SlotScheduler(SchedulerSettings.defaults(), NO_TIMER);

    private Gate gate(TurnstileConfig config) {
        for (ProviderConfig provider : config.providers().values()) {
            scheduler.addProvider(ProviderSettings.of(provider.id(), provider.limit()));
        }
        return new Gate(scheduler, config);
    }

    private static TurnstileConfig config(ProviderConfig... providers) {
        return TurnstileConfig.builder().presets(false).providers(List.of(providers)).build();
    }

    private static ProviderConfig provider(String id, String host, int limit) {
        return ProviderConfig.builder(id).hosts(List.of(HostPattern.parse(host))).limit(limit).build();
    }

    @Test
    void gatesOnlyProviderHostsMethodsAndPaths() {
        ProviderConfig openai = provider("openai", "api.openai.com", 2).withPaths(List.of("/v1/chat"));
        Gate gate = gate(config(openai));

        assertThat(gate.open("POST", "https", "api.openai.com", -1, "/v1/chat/completions", null)).isNotNull();
        assertThat(gate.open("GET", "https", "api.openai.com", -1, "/v1/chat/completions", null))
                .as("GET is not gated by default").isNull();
        assertThat(gate.open("POST", "https", "api.openai.com", -1, "/v1/files", null)).as("other path").isNull();
        assertThat(gate.open("POST", "https", "example.com", -1, "/v1/chat", null)).as("other host").isNull();
    }

    @Test
    void hostsMatchWhateverTheirCaseAndPortsTheSchemesDefault() {
        Gate gate = gate(config(provider("local", "localhost:11434", 1), provider("tls", "llm.example.com:443", 1)));

        assertThat(gate.open("POST", "http", "LOCALHOST", 11434, "/api/chat", null).providerId()).isEqualTo("local");
        assertThat(gate.open("POST", "http", "localhost", 8080, "/api/chat", null)).isNull();
        assertThat(gate.open("POST", "https", "llm.example.com", -1, "/", null).providerId()).isEqualTo("tls");
        assertThat(gate.open("POST", "http", "llm.example.com", -1, "/", null)).as("port 80").isNull();
    }

    @Test
    void aHostRoutedOnceIsRoutedByItsPortAgainAndAnewAfterAnUpdate() {
        Gate gate = gate(config(provider("local", "localhost:11434", 1), provider("any", "localhost", 1)));

        assertThat(gate.open("POST", "http", "localhost", 11434, "/", null).providerId()).isEqualTo("local");
        assertThat(gate.open("POST", "http", "localhost", 11434, "/", null).providerId()).as("asked again").isEqualTo("local");
        assertThat(gate.open("POST", "http", "localhost", 8080, "/", null).providerId()).as("another port").isEqualTo("any");
        assertThat(gate.open("POST", "http", "localhost", 11434, "/", null).providerId()).as("back").isEqualTo("local");

        gate.update(config(provider("any", "localhost", 1)));
        assertThat(gate.open("POST", "http", "localhost", 11434, "/", null).providerId()).as("updated").isEqualTo("any");
    }

    @Test
    void gatesAnswersAsOpenWouldWithoutOpeningACall() {
        Gate gate = gate(config(provider("openai", "api.openai.com", 1).withPaths(List.of("/v1/chat"))));

        assertThat(gate.gates("POST", "https", "api.openai.com", -1, "/v1/chat/completions")).isTrue();
        assertThat(gate.gates("GET", "https", "api.openai.com", -1, "/v1/chat/completions")).isFalse();
        assertThat(gate.gates("POST", "https", "api.openai.com", -1, "/v1/files")).isFalse();
        assertThat(gate.gates("POST", "https", "example.com", -1, "/v1/chat")).isFalse();
        assertThat(scheduler.snapshot("openai").inFlight()).as("no slot taken").isZero();
        assertThat(scheduler.snapshot("openai").queued()).as("nothing queued").isZero();
        assertThat(gate.activity().doorPassedRecently("openai")).as("the door is recorded as by open").isTrue();
    }

    @Test
    void wildcardHostsMatchSubdomains() {
        Gate gate = gate(config(provider("azure", "*.openai.azure.com", 1)));

        assertThat(gate.open("POST", "https", "my-team.openai.azure.com", -1, "/openai/x", null)).isNotNull();
        assertThat(gate.open("POST", "https", "openai.azure.com", -1, "/", null)).isNull();
    }

    @Test
    void mayGateSaysNoOnlyForHostsNoProviderHasWhateverThePort() {
        Gate gate = gate(config(provider("local", "localhost:11434", 1), provider("azure", "*.openai.azure.com", 1)));

        assertThat(gate.mayGate("localhost")).as("a provider's host; open decides the port").isTrue();
        assertThat(gate.mayGate("LocalHost")).as("any case").isTrue();
        assertThat(gate.mayGate("team.openai.azure.com")).as("wildcard").isTrue();
        assertThat(gate.mayGate("127.0.0.1")).isFalse();
        assertThat(gate.mayGate("example.com")).isFalse();
        assertThat(gate.mayGate(null)).isFalse();
        assertThat(gate.mayGate("")).isFalse();

        gate.update(config(provider("local", "localhost:11434", 1)).withEnabled(false));
        assertThat(gate.mayGate("localhost")).as("disabled").isFalse();
    }

    @Test
    void anIpv6ProviderIsGatedHoweverADoorWritesItsAddress() {
        Gate gate = gate(config(provider("local6", "[::1]:8080", 1)));

        for (String host : List.of("::1", "[::1]", "0:0:0:0:0:0:0:1", "[0:0:0:0:0:0:0:1]")) {
            assertThat(gate.mayGate(host)).as(host).isTrue();
            assertThat(gate.open("POST", "http", host, 8080, "/v1/chat", null)).as(host).isNotNull()
                    .extracting(GatedCall::providerId).isEqualTo("local6");
        }
        assertThat(gate.mayGate("[::2]")).isFalse();
        assertThat(gate.open("POST", "http", "::1", 8081, "/v1/chat", null)).as("another port").isNull();
    }

    @Test
    void mayGateHostOfAUriAnswersAsMayGateOfItsHost() {
        Gate gate = gate(config(provider("openai", "api.openai.com", 1), provider("azure", "*.openai.azure.com", 1),
                provider("local", "localhost:11434", 1), provider("local6", "[::1]:8080", 1)));

        List<String> uris = List.of("https://api.openai.com/v1/chat", "HTTPS://API.OpenAI.com:443/v1",
                "https://user:secret@api.openai.com/v1", "https://api.openai.com.evil.example/v1",
                "https://xapi.openai.com/", "https://team.openai.azure.com/openai", "https://openai.azure.com/",
                "https://.openai.azure.com/", "http://localhost:11434/api/chat", "http://LOCALHOST/",
                "http://localhost.localdomain/", "http://127.0.0.1:8080/", "http://[::1]:8080/v1",
                "http://[::2]/", "https://example.com?q=api.openai.com", "/relative/path", "http:///no-host", "");
        for (String uri : uris) {
            String host = AbsoluteUri.hostOf(uri);
            assertThat(gate.mayGateHostOf(uri)).as(uri).isEqualTo(host != null && gate.mayGate(host));
        }
        assertThat(gate.mayGateHostOf("HTTPS://API.OpenAI.com:443/v1")).isTrue();
        assertThat(gate.mayGateHostOf("https://team.openai.azure.com/openai")).isTrue();
        assertThat(gate.mayGateHostOf("https://api.openai.com.evil.example/v1")).isFalse();
        assertThat(gate.mayGateHostOf(null)).isFalse();

        gate.update(config(provider("openai", "api.openai.com", 1)).withEnabled(false));
        assertThat(gate.mayGateHostOf("https://api.openai.com/v1")).as("disabled").isFalse();
    }

    @Test
    void disabledGatesNothing() {
        Gate gate = gate(config(provider("openai", "api.openai.com", 1)).withEnabled(false));

        assertThat(gate.open("POST", "https", "api.openai.com", -1, "/v1/chat", null)).isNull();
    }

    @Test
    void anUpdateAppliesToCallsOpenedAfterIt() {
        Gate gate = gate(config(provider("openai", "api.openai.com", 1)));
        scheduler.addProvider(ProviderSettings.of("mistral", 1));

        gate.update(config(provider("openai", "api.openai.com", 1), provider("mistral", "api.mistral.ai", 1)));

        assertThat(gate.open("POST", "https", "api.mistral.ai", -1, "/v1/chat", null).providerId()).isEqualTo("mistral");
    }

    @Test
    void aHeaderNamesTheAgentAndATurnHeaderItsTurn() throws IOException {
        TurnstileConfig config = config(provider("openai", "api.openai.com", 1)).toBuilder()
                .agentIdentity(AgentIdentity.header("X-Agent")).turnHeader(Optional.of("X-Turn-Start")).build();
        Gate gate = gate(config);
        HeaderLookup headers = HeaderLookup.of(Map.of("x-agent", "planner", "x-turn-start", "2026-11-29T01:00:00Z"));

        gate.open("POST", "https", "api.openai.com", -1, "/v1/chat", headers).acquire();

        assertThat(scheduler.snapshot().agents()).singleElement().satisfies(agent -> {
            assertThat(agent.agent()).isEqualTo("planner");
            assertThat(agent.turnStartMillis()).isEqualTo(java.time.Instant.parse("2026-11-29T01:00:00Z").toEpochMilli());
        });
    }

    @Test
    void aSecretHeaderIsNeverUsedAsTheAgentName() throws IOException {
        TurnstileConfig config = config(provider("openai", "api.openai.com", 1)).toBuilder()
                .agentIdentity(AgentIdentity.header("Authorization")).build();
        Gate gate = gate(config);

        gate.open("POST", "https", "api.openai.com", -1, "/v1/chat",
                HeaderLookup.of(Map.of("authorization", "Bearer sk-secret"))).acquire();

        assertThat(scheduler.snapshot().agents()).singleElement()
                .satisfies(agent -> assertThat(agent.agent()).doesNotContain("sk-secret").contains(Thread.currentThread().getName()));
    }

    @Test
    void aRateLimitStatusPausesTheProviderForTheHintAndTheCallEndsOnce() throws IOException {
        Gate gate = gate(config(provider("openai", "api.openai.com", 2)));
        GatedCall call = gate.open("POST", "https", "api.openai.com", -1, "/v1/chat", null);
        call.acquire();

        long before = System.nanoTime();
        call.onResponse(429, HeaderLookup.of(Map.of("retry-after", "7")));
        call.complete();
        call.fail();

        var stats = scheduler.snapshot().provider("openai");
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - before) + 1;
        assertThat(stats.paused()).isTrue();
        assertThat(stats.pauseRemainingMillis()).as("7 s less the time passed").isBetween(7_000L - elapsedMillis, 7_000L);
        assertThat(stats.rateLimited()).isEqualTo(1);
        assertThat(stats.completed()).isEqualTo(1);
        assertThat(stats.failed()).isZero();
        assertThat(stats.inFlight()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "Wed, 21 Oct 2015 07:28:00 GMT"})
    void aRateLimitWhoseHintSaysNowPausesByBackoff(String retryAfter) throws IOException {
        Gate gate = gate(config(provider("openai", "api.openai.com", 2)));
        GatedCall call = gate.open("POST", "https", "api.openai.com", -1, "/v1/chat", null);
        call.acquire();

        long before = System.nanoTime();
        call.onResponse(429, HeaderLookup.of(Map.of("retry-after", retryAfter)));

        var stats = scheduler.snapshot().provider("openai");
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - before) + 1;
        assertThat(stats.paused()).isTrue();
        assertThat(stats.pauseRemainingMillis()).as("backoff.initial 1 s, half of it fixed, less the time passed")
                .isBetween(500L - elapsedMillis, 1_000L);
        assertThat(stats.rateLimited()).isEqualTo(1);
    }

    @Test
    void aSuccessThatSaysNoRequestsRemainPausesUntilTheReset() throws IOException {
        Gate gate = gate(config(provider("openai", "api.openai.com", 2)));
        GatedCall call = gate.open("POST", "https", "api.openai.com", -1, "/v1/chat", null);
        call.acquire();

        long before = System.nanoTime();
        call.onResponse(200, HeaderLookup.of(Map.of("x-ratelimit-remaining-requests", "0",
                "x-ratelimit-reset-requests", "2s")));

        long remaining = scheduler.snapshot().provider("openai").pauseRemainingMillis();
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - before) + 1;
        assertThat(remaining).as("2 s less the time passed").isBetween(2_000L - elapsedMillis, 2_000L);
    }

    @Test
    void aSuccessThatSaysTheTokenBudgetIsNearlySpentPausesWithTheBudgetAsReason() throws IOException {
        Gate gate = gate(config(provider("openai", "api.openai.com", 2)));
        GatedCall call = gate.open("POST", "https", "api.openai.com", -1, "/v1/chat", null);
        call.acquire();

        call.onResponse(200, HeaderLookup.of(Map.of("x-ratelimit-limit-tokens", "150000",
                "x-ratelimit-remaining-tokens", "1200", "x-ratelimit-reset-tokens", "6m0s",
                "x-ratelimit-remaining-requests", "499", "x-ratelimit-limit-requests", "500")));

        var stats = scheduler.snapshot().provider("openai");
        assertThat(stats.paused()).isTrue();
        assertThat(stats.pauseRemainingMillis()).as("6 min capped at backoff.max, 60 s").isBetween(59_000L, 60_000L);
        assertThat(stats.pauseReason()).contains("token budget nearly spent")
                .contains("x-ratelimit-remaining-tokens: 1200 of 150000").contains("x-ratelimit-reset-tokens: 6m0s");
        assertThat(stats.rateLimited()).isZero();
    }

    @Test
    void aSuccessWithMostOfItsBudgetsLeftDoesNotPause() throws IOException {
        Gate gate = gate(config(provider("anthropic", "api.anthropic.com", 2)));
        GatedCall call = gate.open("POST", "https", "api.anthropic.com", -1, "/v1/messages", null);
        call.acquire();

        call.onResponse(200, HeaderLookup.of(Map.of("anthropic-ratelimit-tokens-limit", "80000",
                "anthropic-ratelimit-tokens-remaining", "801", "anthropic-ratelimit-tokens-reset", "2999-01-01T00:00:00Z")));

        assertThat(scheduler.snapshot().provider("anthropic").paused()).isFalse();
    }

    private static final String GEMINI_429 = "{\"error\": {\"code\": 429, \"status\": \"RESOURCE_EXHAUSTED\", \"details\": "
            + "[{\"@type\": \"type.googleapis.com/google.rpc.RetryInfo\", \"retryDelay\": \"45s\"}]}}";

    @Test
    void aRetryDelayInA429BodyLengthensThePauseAndTheBodyReachesTheApplicationUnchanged() throws IOException {
        Gate gate = gate(config(provider("gemini", "generativelanguage.googleapis.com", 2)));
        GatedCall call = gate.open("POST", "https", "generativelanguage.googleapis.com", -1, "/v1beta/models", null);
        call.acquire();
        call.onResponse(429, HeaderLookup.of(Map.of("content-type", "application/json")));
        assertThat(scheduler.snapshot().provider("gemini").pauseRemainingMillis()).as("backoff first").isLessThanOrEqualTo(1_000);

        InputStream body = new ReleasingInputStream(new ByteArrayInputStream(GEMINI_429.getBytes()), call, null);
        int first = body.read();
        byte[] rest = body.readAllBytes();

        assertThat((char) first + new String(rest)).isEqualTo(GEMINI_429);
        var stats = scheduler.snapshot().provider("gemini");
        assertThat(stats.pauseRemainingMillis()).isBetween(44_000L, 45_000L);
        assertThat(stats.pauseReason()).contains("google.rpc.RetryInfo").contains("45000 ms");
        assertThat(stats.rateLimited()).as("one 429, counted once").isEqualTo(1);
        assertThat(stats.inFlight()).isZero();
    }

    @Test
    void a429WithARetryAfterHeaderLeavesItsBodyAlone() throws IOException {
        Gate gate = gate(config(provider("gemini", "generativelanguage.googleapis.com", 2)));
        GatedCall call = gate.open("POST", "https", "generativelanguage.googleapis.com", -1, "/v1beta/models", null);
        call.acquire();
        call.onResponse(429, HeaderLookup.of(Map.of("retry-after", "2")));
        assertThat(call.bodyPeek()).isNull();

        new ReleasingInputStream(new ByteArrayInputStream(GEMINI_429.getBytes()), call, null).readAllBytes();

        assertThat(scheduler.snapshot().provider("gemini").pauseRemainingMillis()).isBetween(1_000L, 2_000L);
    }

    @Test
    void aSuccessBodyIsNotPeeked() throws IOException {
        Gate gate = gate(config(provider("gemini", "generativelanguage.googleapis.com", 2)));
        GatedCall call = gate.open("POST", "https", "generativelanguage.googleapis.com", -1, "/v1beta/models", null);
        call.acquire();
        call.onResponse(200, HeaderLookup.of(Map.of()));

        assertThat(call.bodyPeek()).isNull();
        new ReleasingInputStream(new ByteArrayInputStream(GEMINI_429.getBytes()), call, null).readAllBytes();
        assertThat(scheduler.snapshot().provider("gemini").paused()).isFalse();
    }

    @Test
    void aQueuedAsyncCallThatEndsBeforeItsSlotLeavesTheQueue() throws IOException {
        Gate gate = gate(config(provider("openai", "api.openai.com", 1)));
        GatedCall holder = gate.open("POST", "https", "api.openai.com", -1, "/v1/chat", null);
        holder.acquire();
        GatedCall waiting = gate.open("POST", "https", "api.openai.com", -1, "/v1/chat", null);
        CompletableFuture<Void> slot = waiting.acquireAsync();
        assertThat(slot).isNotDone();

        waiting.fail();
        holder.complete();

        assertThat(scheduler.snapshot().provider("openai").queued()).isZero();
        assertThat(scheduler.snapshot().provider("openai").inFlight()).isZero();
    }

    @Test
    void aSlotFreeAtOnceCompletesTheStartAndItsEndGivesTheSlotBack() {
        Gate gate = gate(config(provider("openai", "api.openai.com", 1)));
        GatedCall call = gate.open("POST", "https", "api.openai.com", -1, "/v1/chat", null);

        assertThat(call.acquireAsync()).isCompleted();
        assertThat(scheduler.snapshot().provider("openai").inFlight()).isOne();

        call.complete();
        assertThat(scheduler.snapshot().provider("openai").inFlight()).isZero();
    }

    @Test
    void aCallEndedBeforeItAsksForItsSlotNeverStartsAndHoldsNone() {
        Gate gate = gate(config(provider("openai", "api.openai.com", 1)));
        GatedCall call = gate.open("POST", "https", "api.openai.com", -1, "/v1/chat", null);
        call.fail();

        assertThat(call.acquireAsync()).isCancelled();
        assertThat(scheduler.snapshot().provider("openai").inFlight()).isZero();
        assertThat(gate.open("POST", "https", "api.openai.com", -1, "/v1/chat", null).acquireAsync())
                .as("the slot is free for the next call").isCompleted();
    }

    @Test
    void cancellingTheStartFutureWhileQueuedWithdrawsTheCall() throws IOException {
        Gate gate = gate(config(provider("openai", "api.openai.com", 1)));
        gate.open("POST", "https", "api.openai.com", -1, "/v1/chat", null).acquire();
        CompletableFuture<Void> slot = gate.open("POST", "https", "api.openai.com", -1, "/v1/chat", null).acquireAsync();

        slot.cancel(true);

        assertThat(scheduler.snapshot().provider("openai").queued()).isZero();
        assertThat(scheduler.snapshot().provider("openai").cancelled()).isEqualTo(1);
    }

    @Test
    void theReleasingStreamEndsTheCallAtEndOfBodyAtCloseAndOnError() throws IOException {
        Gate gate = gate(config(provider("openai", "api.openai.com", 0)));
        GatedCall call = gate.open("POST", "https", "api.openai.com", -1, "/v1/chat", null);
        call.acquire();
        InputStream body = new ReleasingInputStream(new ByteArrayInputStream(new byte[] {1, 2}), call, null);

        assertThat(body.read(new byte[10])).isEqualTo(2);
        assertThat(call.isEnded()).isFalse();
        assertThat(body.read()).isEqualTo(-1);
        assertThat(call.isEnded()).isTrue();

        GatedCall failing = gate.open("POST", "https", "api.openai.com", -1, "/v1/chat", null);
        failing.acquire();
        InputStream broken = new ReleasingInputStream(new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset");
            }
        }, failing, null);
        assertThatThrownBy(broken::read).hasMessage("connection reset");
        assertThat(scheduler.snapshot().provider("openai").failed()).isEqualTo(1);
        assertThat(scheduler.snapshot().provider("openai").completed()).isEqualTo(1);
    }

    @Test
    void theReleasingStreamEndsTheCallWhenTheBodyThrowsAnError() throws IOException {
        Gate gate = gate(config(provider("openai", "api.openai.com", 1)));
        GatedCall call = gate.open("POST", "https", "api.openai.com", -1, "/v1/chat", null);
        call.acquire();
        InputStream broken = new ReleasingInputStream(new InputStream() {
            @Override
            public int read(byte[] buffer, int offset, int length) {
                throw new OutOfMemoryError("decoder buffer");
            }

            @Override
            public int read() {
                throw new StackOverflowError();
            }
        }, call, null);

        assertThatThrownBy(() -> broken.read(new byte[4], 0, 4)).isInstanceOf(OutOfMemoryError.class);
        assertThat(call.isEnded()).isTrue();
        assertThat(scheduler.snapshot().provider("openai").failed()).isEqualTo(1);
        assertThat(scheduler.snapshot().provider("openai").inFlight()).isZero();
    }
}
