package dev.turnstile.jetty.library;

import dev.turnstile.config.ConfigLoader;
import dev.turnstile.config.TurnstileConfig;
import dev.turnstile.control.SchedulerSettingsMapper;
import dev.turnstile.core.ProviderSnapshot;
import dev.turnstile.core.SlotScheduler;
import dev.turnstile.core.time.ExecutorTimerService;
import dev.turnstile.http.Gate;
import dev.turnstile.http.GatedCall;
import org.eclipse.jetty.client.AsyncRequestContent;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.InputStreamResponseListener;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.transport.HttpDestination;
import org.eclipse.jetty.client.transport.HttpExchange;
import org.eclipse.jetty.client.transport.HttpRequest;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The adapter against a real Jetty 12 client, in-process and without the agent: the calls it
 * makes are the ones the advice would make (nothing here reaches a server: the host does not
 * resolve, and no request is sent unless a test says so). Provider "t" gates {@code llm.example}
 * with a limit of 1 and a queue timeout of 300 ms.
 */
class JettyAdapterTest {

    private final ExecutorTimerService timer = new ExecutorTimerService("test-timer");
    private final TurnstileConfig config = ConfigLoader.load("presets=false;providers.t.hosts=llm.example;"
            + "providers.t.limit=1;providers.t.queue-timeout=300ms", Map.of(), Map.of()).config();
    private final SlotScheduler scheduler = new SlotScheduler(SchedulerSettingsMapper.settings(config), timer);
    private final Gate gate = new Gate(scheduler, config);
    private final JettyAdapter adapter = new JettyAdapter();
    private final HttpClient client = new HttpClient();

    JettyAdapterTest() throws Exception {
        config.providers().values().forEach(provider -> scheduler.addProvider(SchedulerSettingsMapper.provider(provider)));
        client.start();
    }

    @AfterEach
    void stop() throws Exception {
        client.stop();
        timer.close();
    }

    private ProviderSnapshot provider() {
        return scheduler.snapshot().provider("t");
    }

    private HttpRequest post(String url) {
        return (HttpRequest) client.newRequest(url).method("POST");
    }

    private HttpDestination destinationOf(Request request) {
        return (HttpDestination) client.resolveDestination(request);
    }

    /** Opens the gated call of a first request, as the send advice would, and checks it holds the slot. */
    private GatedCall holding(HttpRequest request) {
        Object sent = adapter.send(gate, destinationOf(request), request, new InputStreamResponseListener());
        assertThat(sent).isInstanceOf(GatedCall.class);
        assertThat(provider().inFlight()).isEqualTo(1);
        return (GatedCall) sent;
    }

    @Test
    void aRequestThatIsNotAProvidersIsLeftAlone() {
        HttpRequest request = post("http://elsewhere.example/v1/chat");

        assertThat(adapter.send(gate, destinationOf(request), request, null)).isNull();
        assertThat(request.getConversation().getAttribute(JettyAdapter.CALL_ATTRIBUTE)).isNull();
    }

    @Test
    void laterSendsOfTheSameConversationHoldNoSecondSlotAndTheirHeadsReachTheCall() {
        HttpRequest first = post("http://llm.example/v1/chat");
        holding(first);
        // What the client's redirect (copyRequest) makes: a request in the same conversation.
        HttpRequest redirect = new HttpRequest(client, first.getConversation(), URI.create("http://llm.example/v1/other"));

        assertThat(adapter.send(gate, destinationOf(redirect), redirect, null)).as("not gated again").isNull();
        HttpExchange attempt = new HttpExchange(destinationOf(redirect), redirect);
        attempt.getResponse().status(429).headers(headers -> headers.put("Retry-After", "30"));
        adapter.responseHeaders(attempt);

        assertThat(provider().inFlight()).isEqualTo(1);
        assertThat(provider().paused()).as("the redirected attempt's 429 paused the provider").isTrue();
    }

    @Test
    void aSendThatMustWaitIsSkippedAndItsListenerAndBodyWriterHearTheQueueTimeout() throws Exception {
        GatedCall holder = holding(post("http://llm.example/v1/chat"));
        HttpRequest queued = post("http://llm.example/v1/chat");
        AsyncRequestContent body = new AsyncRequestContent("application/json");
        queued.body(body);
        Callback.Completable written = new Callback.Completable();
        body.write(ByteBuffer.wrap(new byte[] {'{', '}'}), written); // streamed, as Spring writes a body after the send
        InputStreamResponseListener listener = new InputStreamResponseListener();
        CompletableFuture<Throwable> failureListener = new CompletableFuture<>();
        queued.onResponseFailure((response, failure) -> failureListener.complete(failure));

        assertThat(adapter.send(gate, destinationOf(queued), queued, listener)).isEqualTo(Boolean.TRUE);
        Throwable failure = catchThrowable(() -> listener.get(10, TimeUnit.SECONDS));

        assertThat(failure).isInstanceOf(ExecutionException.class).cause().isInstanceOf(IOException.class)
                .hasMessageContaining("provider 't'");
        assertThat(failureListener.get(10, TimeUnit.SECONDS)).isSameAs(failure.getCause());
        assertThat(queued.getAbortCause()).as("aborted, as a send that fails before it is queued").isSameAs(failure.getCause());
        assertThat(catchThrowable(() -> written.get(10, TimeUnit.SECONDS))).as("the body's writer")
                .cause().isSameAs(failure.getCause());
        holder.complete();
        assertThat(provider().inFlight()).isZero();
        assertThat(provider().queued()).isZero();
    }

    @Test
    void anAbortWhileQueuedWithdrawsTheSendAndItsListenerHearsTheApplicationsCause() throws Exception {
        GatedCall holder = holding(post("http://llm.example/v1/chat"));
        HttpRequest queued = post("http://llm.example/v1/chat");
        InputStreamResponseListener listener = new InputStreamResponseListener();
        assertThat(adapter.send(gate, destinationOf(queued), queued, listener)).isEqualTo(Boolean.TRUE);
        assertThat(provider().queued()).isEqualTo(1);

        CancellationException cause = new CancellationException("the application cancels");
        queued.abort(cause);
        adapter.aborted(queued); // as the abort advice does once abort returned

        assertThat(catchThrowable(() -> listener.get(10, TimeUnit.SECONDS))).cause().isSameAs(cause);
        assertThat(provider().queued()).isZero();
        holder.complete();
        assertThat(provider().inFlight()).as("the withdrawn send never took the slot").isZero();
    }
}
