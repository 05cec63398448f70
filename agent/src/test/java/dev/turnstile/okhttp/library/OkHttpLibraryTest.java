package dev.turnstile.okhttp.library;

import dev.turnstile.control.SchedulerSettingsMapper;
import dev.turnstile.config.ConfigLoader;
import dev.turnstile.config.ProviderConfig;
import dev.turnstile.config.TurnstileConfig;
import dev.turnstile.core.SlotScheduler;
import dev.turnstile.core.time.ExecutorTimerService;
import dev.turnstile.http.Gate;
import dev.turnstile.http.GatedCall;
import dev.turnstile.okhttp.CallPassage;
import dev.turnstile.okhttp.ChainState;
import dev.turnstile.okhttp.OkHttpCalls;
import dev.turnstile.okhttp.TestGate;
import okhttp3.Call;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;
import okio.Okio;
import okio.Source;
import okio.Timeout;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OkHttpLibraryTest {

    private final ExecutorTimerService timer = new ExecutorTimerService("test-timer");
    private final TurnstileConfig config = ConfigLoader.load(
            "presets=false;providers.t.hosts=llm.example;providers.t.limit=1", Map.of(), Map.of()).config();
    private final SlotScheduler scheduler = new SlotScheduler(SchedulerSettingsMapper.settings(config), timer);
    private final Gate gate = new Gate(scheduler, config);

    OkHttpLibraryTest() {
        for (ProviderConfig provider : config.providers().values()) {
            scheduler.addProvider(SchedulerSettingsMapper.provider(provider));
        }
    }

    @AfterEach
    void stopTimer() {
        TestGate.use(null);
        timer.close();
    }

    private int inFlight() {
        return scheduler.snapshot().provider("t").inFlight();
    }

    private GatedCall acquired() throws IOException {
        GatedCall call = gate.open("POST", "https", "llm.example", 443, "/v1/messages", name -> null);
        call.acquire();
        assertThat(inFlight()).isEqualTo(1);
        return call;
    }

    private static Call callTo(OkHttpClient client, String host) {
        return client.newCall(new Request.Builder().url("https://" + host + "/v1/messages")
                .post(RequestBody.create("{}", null)).build());
    }

    private static Response answer(Call call, int code, String retryAfter) {
        Response.Builder answer = new Response.Builder().request(call.request()).protocol(Protocol.HTTP_1_1)
                .code(code).message("-").body(ResponseBody.create("data: 1\n\n", null));
        return retryAfter == null ? answer.build() : answer.header("Retry-After", retryAfter).build();
    }

    @Test
    void aCallToAHostNoProviderOwnsIsLeftAlone() throws IOException {
        TestGate.use(gate);
        OkHttpClient client = new OkHttpClient.Builder().build();

        assertThat(new OkHttpSupportImpl().chainStarting(callTo(client, "example.org"))).isNull();
        assertThat(ChainState.current()).isNull();
        assertThat(client.interceptors()).as("nothing added to the client").isEmpty();
    }

    @Test
    void aCallHoldsItsSlotToTheEndOfItsBody() throws IOException {
        TestGate.use(gate);
        OkHttpClient client = new OkHttpClient.Builder().build();
        Call call = callTo(client, "llm.example");

        CallPassage passage = (CallPassage) new OkHttpSupportImpl().chainStarting(call);
        assertThat(inFlight()).isEqualTo(1);
        Response handedOn = (Response) passage.ended(answer(call, 200, null), null);
        assertThat(inFlight()).isEqualTo(1);
        assertThat(handedOn.body().string()).isEqualTo("data: 1\n\n");
        assertThat(inFlight()).isZero();
        assertThat(ChainState.current()).isNull();
    }

    @Test
    void aFailedChainReleasesItsSlot() throws IOException {
        TestGate.use(gate);
        OkHttpClient client = new OkHttpClient.Builder().build();

        CallPassage passage = (CallPassage) new OkHttpSupportImpl().chainStarting(callTo(client, "llm.example"));
        assertThat(inFlight()).isEqualTo(1);
        passage.ended(null, new IOException("connection reset"));
        assertThat(inFlight()).isZero();
    }

    /** A 429 that OkHttp follows up on its own (a retry, a redirect) never reaches the chain's end: the attempt reports it. */
    @Test
    void anAttemptsStatusReachesTheGateThoughTheChainEndsWithAnother() throws IOException {
        TestGate.use(gate);
        OkHttpSupportImpl support = new OkHttpSupportImpl();
        Call call = callTo(new OkHttpClient.Builder().build(), "llm.example");
        CallPassage passage = (CallPassage) support.chainStarting(call);

        support.attempted(ChainState.current(), answer(call, 429, "7"));
        ((Response) passage.ended(answer(call, 200, null), null)).close();

        assertThat(scheduler.snapshot().provider("t").pauseRemainingMillis()).isBetween(1L, 7_000L);
    }

    /** A client layered on another: the inner call runs inside the outer call's chain and slot (limit 1). */
    @Test
    void aCallMadeInsideAGatedCallsChainTakesNoSecondSlot() throws IOException {
        TestGate.use(gate);
        OkHttpSupportImpl support = new OkHttpSupportImpl();
        OkHttpClient client = new OkHttpClient.Builder().build();
        Call outer = callTo(client, "llm.example");
        CallPassage outerPassage = (CallPassage) support.chainStarting(outer);

        Call inner = callTo(client, "llm.example");
        CallPassage innerPassage = (CallPassage) support.chainStarting(inner);
        assertThat(inFlight()).isEqualTo(1);
        assertThat(ChainState.current().gated()).as("the inner call's statuses are muted").isFalse();
        innerPassage.ended(answer(inner, 200, null), null);

        assertThat(ChainState.current().gated()).isTrue();
        outerPassage.ended(null, new IOException("gone"));
        assertThat(inFlight()).isZero();
        assertThat(ChainState.current()).isNull();
    }

    /** Found by the soak: an interrupt during OkHttp 5's connect escapes as a checked InterruptedException. */
    @Test
    void aCallFailingWithACheckedExceptionReleasesTheSlot() throws IOException {
        GatedCall gated = acquired();
        Call call = callTo(new OkHttpClient.Builder().build(), "llm.example");
        OkHttpCalls.granted(call, gated); // as if the call had waited for its slot in the queue

        CallPassage passage = (CallPassage) new OkHttpSupportImpl().chainStarting(call);
        passage.ended(null, new InterruptedException());

        assertThat(inFlight()).isZero();
        assertThat(gated.isEnded()).isTrue();
    }

    @Test
    void aBodyReadToTheEndReleasesTheSlot() throws IOException {
        GatedCall call = acquired();
        BufferedSource body = Okio.buffer(new ReleasingSource(new Buffer().writeUtf8("data: 1\n\n"), call));
        body.readUtf8();
        assertThat(inFlight()).isZero();
    }

    @Test
    void aBodyClosedEarlyReleasesTheSlot() throws IOException {
        GatedCall call = acquired();
        BufferedSource body = Okio.buffer(new ReleasingSource(new Buffer().writeUtf8("data: 1\n\ndata: 2\n\n"), call));
        body.readUtf8Line();
        assertThat(inFlight()).isEqualTo(1);
        body.close();
        assertThat(inFlight()).isZero();
    }

    @Test
    void aBodyThatFailsToReadReleasesTheSlot() throws IOException {
        GatedCall call = acquired();
        Source broken = new Source() {
            @Override
            public long read(Buffer sink, long byteCount) throws IOException {
                throw new IOException("connection reset");
            }

            @Override
            public Timeout timeout() {
                return Timeout.NONE;
            }

            @Override
            public void close() {
            }
        };
        BufferedSource body = Okio.buffer(new ReleasingSource(broken, call));
        assertThatThrownBy(body::readUtf8).hasMessage("connection reset");
        assertThat(inFlight()).isZero();
        assertThat(call.isEnded()).isTrue();
    }

    @Test
    void aRetryDelayInA429BodyIsReadAsTheApplicationReadsTheUnchangedBody() throws IOException {
        GatedCall call = acquired();
        call.onResponse(429, name -> null);
        String gemini = "{\"error\": {\"code\": 429, \"details\": [{\"@type\": "
                + "\"type.googleapis.com/google.rpc.RetryInfo\", \"retryDelay\": \"20s\"}]}}";

        BufferedSource body = Okio.buffer(new ReleasingSource(new Buffer().writeUtf8(gemini), call));
        String read = body.readUtf8();

        assertThat(read).isEqualTo(gemini);
        assertThat(scheduler.snapshot().provider("t").pauseRemainingMillis()).isBetween(19_000L, 20_000L);
        assertThat(scheduler.snapshot().provider("t").pauseReason()).contains("retryDelay");
        assertThat(inFlight()).isZero();
    }
}
