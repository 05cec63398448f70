package dev.turnstile.reactornetty.library;

import dev.turnstile.config.ConfigLoader;
import dev.turnstile.config.TurnstileConfig;
import dev.turnstile.control.SchedulerSettingsMapper;
import dev.turnstile.core.ProviderSnapshot;
import dev.turnstile.core.SlotScheduler;
import dev.turnstile.core.time.ExecutorTimerService;
import dev.turnstile.http.Gate;
import dev.turnstile.http.GatedCall;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.Connection;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How a Reactor Netty exchange ends its call, against a real client and server in-process,
 * without the agent: the call is opened and held as {@link GatedConnect} would, and the response
 * is handed to {@link ExchangeEnd} where the connect {@code Mono} would answer. The application
 * disposing a body after its head completes the call, as OkHttp's and the JDK client's early
 * close do; a connection dropped or a read timed out mid-body fails it. Either way the slot goes
 * back once.
 */
class ExchangeEndTest {

    private final ExecutorTimerService timer = new ExecutorTimerService("test-timer");
    private final TurnstileConfig config = ConfigLoader.load("presets=false;providers.t.hosts=llm.example;"
            + "providers.t.limit=1", Map.of(), Map.of()).config();
    private final SlotScheduler scheduler = new SlotScheduler(SchedulerSettingsMapper.settings(config), timer);
    private final Gate gate = new Gate(scheduler, config);
    /** Answers {@code /stream} with a chunk every 50 ms for 10 s, {@code /drop} with one chunk and a closed connection. */
    private final DisposableServer server = HttpServer.create().host("127.0.0.1").port(0)
            .route(routes -> routes
                    .post("/stream", (request, response) -> response.sendString(
                            Flux.interval(Duration.ofMillis(50)).take(200).map(i -> "data: " + i + "\n\n")))
                    .post("/short", (request, response) -> response.sendString(Mono.just("data: all\n\n")))
                    .post("/drop", (request, response) -> response.sendString(Flux.concat(Mono.just("data: 0\n\n"),
                            Mono.delay(Duration.ofMillis(100))
                                    .doOnNext(ignored -> response.withConnection(open -> open.channel().close()))
                                    .then(Mono.<String>never()))))
                    .post("/stall", (request, response) -> response.sendString(
                            Mono.just("data: 0\n\n").concatWith(Mono.never()))))
            .bindNow();
    private final HttpClient client = HttpClient.create().responseTimeout(Duration.ofMillis(500));

    ExchangeEndTest() {
        config.providers().values().forEach(provider -> scheduler.addProvider(SchedulerSettingsMapper.provider(provider)));
    }

    @AfterEach
    void stop() {
        server.disposeNow();
        timer.close();
    }

    private ProviderSnapshot provider() {
        return scheduler.snapshot().provider("t");
    }

    private GatedCall holding() throws Exception {
        GatedCall call = gate.open("POST", "http", "llm.example", 80, "/v1/chat", name -> null);
        call.acquire();
        assertThat(provider().inFlight()).isEqualTo(1);
        return call;
    }

    /** Posts to {@code path}; its response ends {@code call}. The body's chunks, as the application reads them. */
    private Flux<String> post(String path, GatedCall call) {
        return client.post().uri("http://127.0.0.1:" + server.port() + path)
                .send(ByteBufFlux.fromString(Mono.just("{}")))
                .response((response, body) -> {
                    ExchangeEnd.answered((Connection) response, call);
                    return body.asString();
                });
    }

    private void awaitEnded() throws InterruptedException {
        awaitTrue(() -> provider().inFlight() == 0);
    }

    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(condition.getAsBoolean()).as("in time").isTrue();
    }

    @Test
    void aBodyReadToItsEndCompletesTheCall() throws Exception {
        GatedCall call = holding();

        assertThat(post("/short", call).collectList().block(Duration.ofSeconds(10))).containsExactly("data: all\n\n");
        awaitEnded();

        assertThat(provider().completed()).isEqualTo(1);
        assertThat(provider().failed()).isZero();
    }

    @Test
    void aBodyTheApplicationCancelsAfterItsFirstChunkCompletesTheCall() throws Exception {
        GatedCall call = holding();
        CompletableFuture<String> first = new CompletableFuture<>();

        // take(1) cancels the body after its first chunk, as Spring AI's takeUntil at [DONE] does.
        post("/stream", call).take(1).subscribe(first::complete);
        assertThat(first.get(10, TimeUnit.SECONDS)).startsWith("data: ");
        awaitEnded();

        assertThat(provider().completed()).isEqualTo(1);
        assertThat(provider().failed()).isZero();
    }

    @Test
    void aBodyTheApplicationDisposesWhileItWaitsForMoreCompletesTheCall() throws Exception {
        GatedCall call = holding();
        CompletableFuture<String> first = new CompletableFuture<>();

        Disposable subscription = post("/stream", call).subscribe(first::complete);
        first.get(10, TimeUnit.SECONDS);
        subscription.dispose();
        awaitEnded();

        assertThat(provider().completed()).isEqualTo(1);
        assertThat(provider().failed()).isZero();
    }

    @Test
    void aConnectionDroppedMidBodyFailsTheCall() throws Exception {
        GatedCall call = holding();
        CompletableFuture<Throwable> failure = new CompletableFuture<>();

        post("/drop", call).subscribe(chunk -> { }, failure::complete);
        assertThat(failure.get(10, TimeUnit.SECONDS)).as("closed or reset").isInstanceOf(java.io.IOException.class);
        awaitEnded();

        assertThat(provider().failed()).isEqualTo(1);
        assertThat(provider().completed()).isZero();
    }

    @Test
    void aReadTimingOutMidBodyFailsTheCall() throws Exception {
        GatedCall call = holding();
        CompletableFuture<Throwable> failure = new CompletableFuture<>();

        post("/stall", call).subscribe(chunk -> { }, failure::complete);
        assertThat(failure.get(10, TimeUnit.SECONDS)).isInstanceOf(io.netty.handler.timeout.ReadTimeoutException.class);
        awaitEnded();

        assertThat(provider().failed()).isEqualTo(1);
        assertThat(provider().completed()).isZero();
    }
}
