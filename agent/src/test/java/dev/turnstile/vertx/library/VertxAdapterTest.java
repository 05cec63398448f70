package dev.turnstile.vertx.library;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnstile.config.ConfigLoader;
import dev.turnstile.config.TurnstileConfig;
import dev.turnstile.control.SchedulerSettingsMapper;
import dev.turnstile.core.ProviderSnapshot;
import dev.turnstile.core.SlotScheduler;
import dev.turnstile.core.time.ExecutorTimerService;
import dev.turnstile.http.Gate;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.HostAndPort;
import dev.turnstile.http.AbsoluteUri;
import java.net.ServerSocket;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A request's first write opens its call; a request that failed meanwhile (its connection closed
 * while the write was on its way, on another thread than the event loop that failed it) has had
 * its failure hook already, which found no call: the write's own hook must end the call, or it
 * holds a slot until the watchdog. Real Vert.x 5 requests to a loopback socket that never answers.
 */
class VertxAdapterTest {

    private final ExecutorTimerService timer = new ExecutorTimerService("test-timer");
    private final SlotScheduler scheduler;
    private final Gate gate;
    private final Vertx vertx = Vertx.vertx();
    private final HttpClient client = vertx.createHttpClient();
    private final ServerSocket silent;

    VertxAdapterTest() throws Exception {
        silent = new ServerSocket(0);
        TurnstileConfig config = ConfigLoader.load("presets=false;providers.t.hosts=127.0.0.1:" + silent.getLocalPort()
                + ";providers.t.limit=1", Map.of(), Map.of()).config();
        scheduler = new SlotScheduler(SchedulerSettingsMapper.settings(config), timer);
        config.providers().values().forEach(provider -> scheduler.addProvider(SchedulerSettingsMapper.provider(provider)));
        gate = new Gate(scheduler, config);
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        silent.close();
        timer.close();
    }

    private HttpClientRequest request() throws Exception {
        HttpClientRequest request = client.request(new RequestOptions().setMethod(HttpMethod.POST)
                        .setAbsoluteURI("http://127.0.0.1:" + silent.getLocalPort() + "/v1/chat"))
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        return request.exceptionHandler(failure -> { }); // the reset is the test's: Vert.x need not log it
    }

    private ProviderSnapshot provider() {
        return scheduler.snapshot().provider("t");
    }

    @Test
    void aRequestThatFailedBeforeItsFirstWriteOpenedItsCallHoldsNoSlot() throws Exception {
        HttpClientRequest failed = request();
        failed.reset().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

        Object deferred = new VertxAdapter().beforeWrite(gate, failed, vertx.getOrCreateContext(),
                Buffer.buffer("{}"), true, false);

        assertThat(deferred).as("the write goes to Vert.x, which fails it as it would without the agent").isNull();
        assertThat(provider().inFlight()).isZero();
        assertThat(provider().queued()).isZero();
    }

    @Test
    void aLiveRequestsFirstWriteTakesTheSlot() throws Exception {
        HttpClientRequest live = request();

        new VertxAdapter().beforeWrite(gate, live, vertx.getOrCreateContext(), Buffer.buffer("{}"), true, false);

        assertThat(provider().inFlight()).isEqualTo(1);
        live.reset();
    }

    @Test
    void theHostIsReadFromTheRequestAsItsAbsoluteUriHasIt() throws Exception {
        HttpClientRequest plain = request();
        HttpClientRequest renamed = request().authority(HostAndPort.create("api.example.com", 8443));

        assertThat(RequestHost.of(plain)).isEqualTo("127.0.0.1").isEqualTo(AbsoluteUri.hostOf(plain.absoluteURI()));
        assertThat(RequestHost.of(renamed)).as("the application's own authority, as absoluteURI() writes it")
                .isEqualTo("api.example.com").isEqualTo(AbsoluteUri.hostOf(renamed.absoluteURI()));
        plain.reset();
        renamed.reset();
    }

    @Test
    void aRequestForAHostThatIsNoProvidersGoesOnUngated() throws Exception {
        HttpClientRequest elsewhere = request().authority(HostAndPort.create("example.com", 80));

        Object deferred = new VertxAdapter().beforeWrite(gate, elsewhere, vertx.getOrCreateContext(),
                Buffer.buffer("{}"), true, false);

        assertThat(deferred).isNull();
        assertThat(provider().inFlight()).isZero();
        elsewhere.reset();
    }
}
