package dev.turnstile.apache5.library;

import dev.turnstile.config.ConfigLoader;
import dev.turnstile.config.ProviderConfig;
import dev.turnstile.config.TurnstileConfig;
import dev.turnstile.control.SchedulerSettingsMapper;
import dev.turnstile.core.SlotScheduler;
import dev.turnstile.core.time.ExecutorTimerService;
import dev.turnstile.http.Gate;
import dev.turnstile.it.support.MockLlmServer;
import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.client5.http.async.AsyncExecCallback;
import org.apache.hc.client5.http.async.AsyncExecChain;
import org.apache.hc.client5.http.async.AsyncExecRuntime;
import org.apache.hc.client5.http.async.methods.AbstractBinResponseConsumer;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.async.methods.SimpleRequestProducer;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.ChainElement;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManager;
import org.apache.hc.client5.http.nio.AsyncConnectionEndpoint;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.concurrent.ComplexFuture;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.message.BasicHttpRequest;
import org.apache.hc.core5.http.message.BasicHttpResponse;
import org.apache.hc.core5.http.nio.AsyncDataConsumer;
import org.apache.hc.core5.http.nio.CapacityChannel;
import org.apache.hc.core5.http.nio.entity.BasicAsyncEntityProducer;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * HttpClient 5 async ties an exchange's cancel to the client's future only after starting it, and
 * the connection lease, started before on the caller's thread, ties its own (by then finished)
 * operation when it returns. When the I/O thread connects and starts the exchange before the
 * lease returns, the future's cancel reaches only the finished lease, and the exchange streams on
 * to its end. Its slot must still go back at its next data, not at the end of the stream.
 */
class LostCancelTest {

    private final ExecutorTimerService timer = new ExecutorTimerService("test-timer");
    private final List<AutoCloseable> closing = new ArrayList<>();
    private SlotScheduler scheduler;
    private Gate gate;
    private final Apache5Adapter adapter = new Apache5Adapter();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable resource : closing) {
            resource.close();
        }
        timer.close();
    }

    /** A gate with one slot for {@code host} (a {@code host[:port]}). */
    private void gateFor(String host) {
        TurnstileConfig config = ConfigLoader.load(
                "presets=false;providers.t.hosts=" + host + ";providers.t.limit=1", Map.of(), Map.of()).config();
        scheduler = new SlotScheduler(SchedulerSettingsMapper.settings(config), timer);
        for (ProviderConfig provider : config.providers().values()) {
            scheduler.addProvider(SchedulerSettingsMapper.provider(provider));
        }
        gate = new Gate(scheduler, config);
    }

    private int inFlight() {
        return scheduler.snapshot().provider("t").inFlight();
    }

    @Test
    void dataThatArrivesAfterALostCancelStopsTheExchangeAndGivesTheSlotBack() throws Exception {
        gateFor("llm.example");
        ComplexFuture<Void> future = new ComplexFuture<>(null);
        RecordingClient client = new RecordingClient();
        AsyncExecCallback attempt = startedAtOnce(future, client);
        future.setDependency(() -> fail(attempt)); // the exchange's own cancel, tied first ...
        future.setDependency(() -> false);         // ... then the finished lease's, over it

        AsyncDataConsumer body = attempt.handleResponse(new BasicHttpResponse(200), streamed());
        assertThat(future.cancel(true)).as("the application cancels").isTrue();
        assertThat(inFlight()).as("the cancel reached nothing").isEqualTo(1);
        deliver(attempt, body, "data: 1\n\n");

        assertThat(client.bytes).as("nothing reached the cancelled application").isZero();
        assertThat(client.failures).isEqualTo(1);
        assertThat(inFlight()).isZero();
    }

    @Test
    void aResponseHeadThatArrivesAfterALostCancelStopsTheExchangeAndGivesTheSlotBack() throws Exception {
        gateFor("llm.example");
        ComplexFuture<Void> future = new ComplexFuture<>(null);
        RecordingClient client = new RecordingClient();
        AsyncExecCallback attempt = startedAtOnce(future, client);
        future.setDependency(() -> false); // the finished lease's, over the exchange's own

        assertThat(future.cancel(true)).isTrue();
        try {
            attempt.handleResponse(new BasicHttpResponse(200), streamed());
        } catch (IOException stopped) {
            attempt.failed(stopped); // as the I/O thread fails an exchange whose handler threw
        }

        assertThat(client.heads).as("the cancelled application saw no response").isZero();
        assertThat(client.failures).isEqualTo(1);
        assertThat(inFlight()).isZero();
    }

    @Test
    void anExchangeNobodyCancelledStreamsToItsEndAndGivesTheSlotBackOnce() throws Exception {
        gateFor("llm.example");
        ComplexFuture<Void> future = new ComplexFuture<>(null);
        RecordingClient client = new RecordingClient();
        AsyncExecCallback attempt = startedAtOnce(future, client);

        AsyncDataConsumer body = attempt.handleResponse(new BasicHttpResponse(200), streamed());
        deliver(attempt, body, "data: 1\n\n");
        deliver(attempt, body, "data: [DONE]\n\n");
        assertThat(inFlight()).as("the stream is open").isEqualTo(1);
        body.streamEnd(null);
        attempt.completed();
        assertThat(client.bytes).isEqualTo("data: 1\n\ndata: [DONE]\n\n".length());
        assertThat(client.failures).isZero();
        attempt.failed(new IOException("late")); // a second end gives back nothing more

        assertThat(inFlight()).isZero();
        gate.open("POST", "https", "llm.example", 443, "/v1/messages", name -> null).acquireAsync();
        gate.open("POST", "https", "llm.example", 443, "/v1/messages", name -> null).acquireAsync();
        assertThat(inFlight()).as("one slot, not two").isEqualTo(1);
        assertThat(scheduler.snapshot().provider("t").queued()).isEqualTo(1);
    }

    /**
     * The race for real: the lease returns only once the response is streaming, so the client's
     * future is last tied to the finished lease, and its cancel is lost.
     */
    @Test
    void aRealClientsLostCancelStillGivesTheSlotBackBeforeTheStreamEnds() throws Exception {
        MockLlmServer server = new MockLlmServer();
        closing.add(server);
        gateFor("127.0.0.1:" + server.port());
        CountDownLatch streaming = new CountDownLatch(1);
        CloseableHttpAsyncClient client = HttpAsyncClients.custom()
                .setConnectionManager(new LeaseReturningLate(streaming))
                .addExecInterceptorFirst("gate", (request, entity, scope, chain, callback) -> {
                    Object gated = adapter.enterAsync(gate, request, entity, scope, chain, callback);
                    chain.proceed(request, entity, scope, gated instanceof AsyncExecCallback
                            ? (AsyncExecCallback) gated : callback);
                })
                .addExecInterceptorBefore(ChainElement.MAIN_TRANSPORT.name(), "attempt",
                        (request, entity, scope, chain, callback) -> chain.proceed(request, entity, scope,
                                (AsyncExecCallback) adapter.attemptCallback(scope, callback)))
                .build();
        closing.add(() -> client.close(CloseMode.IMMEDIATE));
        client.start();
        AtomicInteger events = new AtomicInteger();

        Future<Void> call = client.execute(SimpleRequestProducer.create(SimpleRequestBuilder
                        .post(server.url("/v1/stream?events=200&delayMs=50"))
                        .setBody("{}", ContentType.APPLICATION_JSON).build()),
                new StreamConsumer(streaming, events), null);
        assertThat(inFlight()).as("streaming").isEqualTo(1);
        assertThat(call.cancel(true)).isTrue();

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5); // the stream lasts 10 s
        while (inFlight() != 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(inFlight()).as("the slot is back before the stream's end").isZero();
        assertThat(events.get()).isLessThan(200);
    }

    @Test
    void anApplicationThatTurnedHardCancellationOffHasItsCancelledExchangeRunToItsEnd() throws Exception {
        gateFor("llm.example");
        ComplexFuture<Void> future = new ComplexFuture<>(null);
        RecordingClient client = new RecordingClient();
        AsyncExecCallback attempt = startedAtOnce(future, client,
                RequestConfig.custom().setHardCancellationEnabled(false).build());

        AsyncDataConsumer body = attempt.handleResponse(new BasicHttpResponse(200), streamed());
        assertThat(future.cancel(true)).isTrue();
        deliver(attempt, body, "data: 1\n\n");
        assertThat(inFlight()).as("the exchange runs on, holding its slot").isEqualTo(1);
        body.streamEnd(null);
        attempt.completed();

        assertThat(client.bytes).isEqualTo("data: 1\n\n".length());
        assertThat(client.failures).isZero();
        assertThat(inFlight()).isZero();
    }

    private AsyncExecCallback startedAtOnce(ComplexFuture<Void> future, AsyncExecCallback client) {
        return startedAtOnce(future, client, RequestConfig.DEFAULT);
    }

    /** Starts a gated exchange whose slot was free, as the execute and attempt advice do. */
    private AsyncExecCallback startedAtOnce(ComplexFuture<Void> future, AsyncExecCallback client, RequestConfig config) {
        HttpHost host = new HttpHost("https", "llm.example", 443);
        BasicHttpRequest request = new BasicHttpRequest("POST", host, "/v1/messages");
        HttpClientContext context = HttpClientContext.create();
        context.setRequestConfig(config);
        AsyncExecChain.Scope scope = new AsyncExecChain.Scope("ex-1", new HttpRoute(host), request, future,
                context, unused(AsyncExecRuntime.class), null, new AtomicInteger(1));
        Object gated = adapter.enterAsync(gate, request, new BasicAsyncEntityProducer("{}"), scope, null, client);
        assertThat(gated).isInstanceOf(GatedExecCallback.class);
        assertThat(inFlight()).isEqualTo(1);
        return (AsyncExecCallback) adapter.attemptCallback(scope, (AsyncExecCallback) gated);
    }

    /** As HttpClient's exchange handler hands data on: a consumer that throws fails the exchange. */
    private static void deliver(AsyncExecCallback attempt, AsyncDataConsumer body, String data) {
        try {
            body.consume(ByteBuffer.wrap(data.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException stopped) {
            assertThat(stopped).isInstanceOf(InterruptedIOException.class);
            attempt.failed(stopped);
        }
    }

    private static boolean fail(AsyncExecCallback attempt) {
        attempt.failed(new InterruptedIOException());
        return true;
    }

    private static EntityDetails streamed() {
        return new BasicAsyncEntityProducer("-", ContentType.TEXT_EVENT_STREAM);
    }

    @SuppressWarnings("unchecked")
    private static <T> T unused(Class<T> type) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type}, (proxy, method, args) -> {
            throw new AssertionError("not expected: " + method);
        });
    }

    /** The client's own top callback: counts what reaches the application. */
    private static final class RecordingClient implements AsyncExecCallback {
        int heads;
        int bytes;
        int failures;

        @Override
        public AsyncDataConsumer handleResponse(HttpResponse response, EntityDetails entityDetails) {
            heads++;
            return new AsyncDataConsumer() {
                @Override
                public void updateCapacity(CapacityChannel capacityChannel) {
                }

                @Override
                public void consume(ByteBuffer src) {
                    bytes += src.remaining();
                    src.position(src.limit());
                }

                @Override
                public void streamEnd(List<? extends Header> trailers) {
                }

                @Override
                public void releaseResources() {
                }
            };
        }

        @Override
        public void handleInformationResponse(HttpResponse response) {
        }

        @Override
        public void completed() {
        }

        @Override
        public void failed(Exception cause) {
            failures++;
        }
    }

    /** A pool whose lease, completed at once on the caller's thread, returns once the response streams. */
    private static final class LeaseReturningLate extends PoolingAsyncClientConnectionManager {
        private final CountDownLatch streaming;

        LeaseReturningLate(CountDownLatch streaming) {
            this.streaming = streaming;
        }

        @Override
        public Future<AsyncConnectionEndpoint> lease(String id, HttpRoute route, Object state, Timeout requestTimeout,
                                                     FutureCallback<AsyncConnectionEndpoint> callback) {
            Future<AsyncConnectionEndpoint> lease = super.lease(id, route, state, requestTimeout, callback);
            try {
                assertThat(streaming.await(10, TimeUnit.SECONDS)).as("the response streams").isTrue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return lease;
        }
    }

    /** Counts the stream's events; says when its head came. */
    private static final class StreamConsumer extends AbstractBinResponseConsumer<Void> {
        private final CountDownLatch streaming;
        private final AtomicInteger events;

        StreamConsumer(CountDownLatch streaming, AtomicInteger events) {
            this.streaming = streaming;
            this.events = events;
        }

        @Override
        protected void start(HttpResponse response, ContentType contentType) {
            streaming.countDown();
        }

        @Override
        protected int capacityIncrement() {
            return 4096;
        }

        @Override
        protected void data(ByteBuffer data, boolean endOfStream) {
            while (data.hasRemaining()) {
                if (data.get() == '\n') {
                    events.incrementAndGet();
                }
            }
        }

        @Override
        protected Void buildResult() {
            return null;
        }

        @Override
        public void releaseResources() {
        }
    }
}
