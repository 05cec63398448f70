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

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Flow;

import static org.assertj.core.api.Assertions.assertThat;

class GatedBodySubscriberTest {

    private static final TimerService NO_TIMER = (task, delay) -> () -> { };

    private final SlotScheduler scheduler = new SlotScheduler(SchedulerSettings.defaults(), NO_TIMER);
    private final Gate gate;

    GatedBodySubscriberTest() {
        ProviderConfig gemini = ProviderConfig.builder("gemini")
                .hosts(List.of(HostPattern.parse("generativelanguage.googleapis.com"))).limit(2).build();
        scheduler.addProvider(ProviderSettings.of("gemini", 2));
        gate = new Gate(scheduler, TurnstileConfig.builder().presets(false).providers(List.of(gemini)).build());
    }

    @Test
    void aRetryDelayInA429BodyLengthensThePauseAndTheApplicationGetsEveryByte() throws Exception {
        GatedCall call = gate.open("POST", "https", "generativelanguage.googleapis.com", -1, "/v1beta/models", null);
        call.acquire();
        call.onResponse(429, name -> null);
        String body = "{\"error\": {\"code\": 429, \"details\": [{\"@type\": "
                + "\"type.googleapis.com/google.rpc.RetryInfo\", \"retryDelay\": \"12.5s\"}]}}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpResponse.BodySubscriber<String> subscriber =
                new GatedBodySubscriber<>(HttpResponse.BodySubscribers.ofString(StandardCharsets.UTF_8), call, -1);

        subscriber.onSubscribe(new NoSubscription());
        subscriber.onNext(List.of(ByteBuffer.wrap(bytes, 0, 40), ByteBuffer.wrap(bytes, 40, bytes.length - 40)));
        subscriber.onComplete();

        assertThat(subscriber.getBody().toCompletableFuture().get()).isEqualTo(body);
        var stats = scheduler.snapshot().provider("gemini");
        assertThat(stats.pauseRemainingMillis()).isBetween(11_500L, 12_500L);
        assertThat(stats.pauseReason()).contains("google.rpc.RetryInfo");
        assertThat(stats.inFlight()).isZero();
    }

    @Test
    void aSuccessBodyIsHandedOnWithoutACopy() throws IOException {
        GatedCall call = gate.open("POST", "https", "generativelanguage.googleapis.com", -1, "/v1beta/models", null);
        call.acquire();
        call.onResponse(200, name -> null);
        ByteBuffer chunk = ByteBuffer.wrap("{\"retryDelay\": \"30s\"}".getBytes(StandardCharsets.UTF_8));
        HttpResponse.BodySubscriber<String> subscriber =
                new GatedBodySubscriber<>(HttpResponse.BodySubscribers.ofString(StandardCharsets.UTF_8), call, -1);

        subscriber.onSubscribe(new NoSubscription());
        subscriber.onNext(List.of(chunk));
        subscriber.onComplete();

        assertThat(call.bodyPeek()).isNull();
        assertThat(scheduler.snapshot().provider("gemini").paused()).isFalse();
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
