package dev.turnstile.jdkhttp;

import dev.turnstile.config.HostPattern;
import dev.turnstile.config.ProviderConfig;
import dev.turnstile.config.TurnstileConfig;
import dev.turnstile.core.ProviderSettings;
import dev.turnstile.core.SchedulerSettings;
import dev.turnstile.core.SlotScheduler;
import dev.turnstile.core.time.TimerService;
import dev.turnstile.http.Gate;
import dev.turnstile.http.GatedCall;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GatedResponseTest {

    private static final TimerService NO_TIMER = (task, delay) -> () -> { };

    private final SlotScheduler scheduler = new SlotScheduler(SchedulerSettings.defaults(), NO_TIMER);
    private final Gate gate;
    private final CompletableFuture<HttpResponse<String>> sent = new CompletableFuture<>();

    GatedResponseTest() {
        ProviderConfig openai = ProviderConfig.builder("openai")
                .hosts(List.of(HostPattern.parse("api.openai.com"))).limit(2).build();
        scheduler.addProvider(ProviderSettings.of("openai", 2));
        gate = new Gate(scheduler, TurnstileConfig.builder().presets(false).providers(List.of(openai)).build());
    }

    private GatedCall startedCall() {
        GatedCall call = gate.open("POST", "https", "api.openai.com", -1, "/v1/chat/completions", null);
        try {
            call.acquire();
        } catch (java.io.IOException e) {
            throw new AssertionError("a limit of 2 grants at once", e);
        }
        return call;
    }

    @Test
    void aCancelBeforeTheBodyArrivedCancelsTheExchangeAndEndsTheCall() {
        GatedCall call = startedCall();
        GatedResponse<String> response = new GatedResponse<>(call, sent);

        assertThat(response.cancel(true)).isTrue();

        assertThat(sent.isCancelled()).as("the client's exchange is cancelled").isTrue();
        assertThat(scheduler.snapshot().provider("openai").inFlight()).isZero();
    }

    @Test
    void aCancelAfterTheWholeBodyArrivedLeavesTheExchangeAndItsConnectionAlone() {
        GatedCall call = startedCall();
        GatedResponse<String> response = new GatedResponse<>(call, sent);
        call.onResponse(200, name -> null);
        HttpResponse.BodySubscriber<String> body =
                new GatedBodySubscriber<>(HttpResponse.BodySubscribers.ofString(StandardCharsets.UTF_8), call, -1);
        body.onSubscribe(new NoSubscription());
        body.onComplete(); // the last byte came; the client has not delivered the response yet

        assertThat(response.cancel(true)).isTrue();

        assertThat(sent.isDone()).as("nothing is passed on to the client").isFalse();
        assertThat(response).isCancelled();
        assertThat(scheduler.snapshot().provider("openai").inFlight()).isZero();
    }

    @Test
    void theLastChunkOfAnAnnouncedLengthMarksTheBodyReceivedBeforeItsEnd() {
        GatedCall call = startedCall();
        GatedResponse<String> response = new GatedResponse<>(call, sent);
        call.onResponse(200, name -> null);
        HttpResponse.BodySubscriber<String> body =
                new GatedBodySubscriber<>(HttpResponse.BodySubscribers.ofString(StandardCharsets.UTF_8), call, 10);
        body.onSubscribe(new NoSubscription());

        body.onNext(List.of(ByteBuffer.wrap("01234".getBytes(StandardCharsets.UTF_8))));
        assertThat(call.bodyReceived()).as("5 of 10 bytes").isFalse();
        body.onNext(List.of(ByteBuffer.wrap("56".getBytes(StandardCharsets.UTF_8)),
                ByteBuffer.wrap("789".getBytes(StandardCharsets.UTF_8))));
        response.cancel(true); // the client returns the connection to its pool before onComplete

        assertThat(call.bodyReceived()).isTrue();
        assertThat(sent.isDone()).as("nothing is passed on to the client").isFalse();
    }

    @Test
    void theClientsAnswerAndFailureReachTheCaller() throws Exception {
        GatedResponse<String> answered = new GatedResponse<>(startedCall(), sent);
        CompletableFuture<HttpResponse<String>> refused = new CompletableFuture<>();
        GatedResponse<String> failed = new GatedResponse<>(startedCall(), refused);
        @SuppressWarnings("unchecked")
        HttpResponse<String> answer = (HttpResponse<String>) java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {HttpResponse.class}, (proxy, method, args) -> null);

        sent.complete(answer);
        refused.completeExceptionally(new ConnectException("refused"));

        assertThat(answered.get()).isSameAs(answer);
        assertThatThrownBy(failed::get).isInstanceOf(ExecutionException.class).hasCauseInstanceOf(ConnectException.class);
        assertThat(scheduler.snapshot().provider("openai").inFlight()).as("the refused call gave its slot back").isOne();
        assertThat(answered.thenApply(r -> r)).isNotInstanceOf(GatedResponse.class);
    }

    @Test
    void aCancelledCallerSeesACancellation() {
        GatedResponse<String> response = new GatedResponse<>(startedCall(), sent);

        response.cancel(false);

        assertThatThrownBy(response::join).isInstanceOf(CancellationException.class);
    }

    private static final class NoSubscription implements Flow.Subscription {
        @Override
        public void request(long n) {
        }

        @Override
        public void cancel() {
        }
    }
}
