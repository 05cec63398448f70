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
import dev.turnstile.okhttp.OkHttpCalls;
import dev.turnstile.okhttp.TestGate;
import okhttp3.Call;
import okhttp3.Interceptor;
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
import static org.assertj.core.api.Assertions.catchThrowable;

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

    @Test
    void aBuilderKeepsOneOfOurInterceptorsFirstHoweverOftenItIsConfigured() {
        OkHttpSupportImpl support = new OkHttpSupportImpl();
        Interceptor app = chain -> chain.proceed(chain.request());
        OkHttpClient.Builder builder = new OkHttpClient.Builder();
        support.configure(builder);
        builder.addInterceptor(app);
        OkHttpClient client = builder.build();
        for (int i = 0; i < 10; i++) {
            OkHttpClient.Builder rebuilt = client.newBuilder();
            support.configure(rebuilt); // the hook runs once per constructor: twice for newBuilder()
            support.configure(rebuilt);
            client = rebuilt.build();
        }
        assertThat(client.interceptors()).hasSize(2).last().isSameAs(app);
        assertThat(client.interceptors().get(0)).isInstanceOf(GatingInterceptor.class);
        assertThat(client.networkInterceptors()).hasSize(1).first().isInstanceOf(AttemptInterceptor.class);
    }

    private static Call callTo(OkHttpClient client) {
        return client.newCall(new Request.Builder().url("https://llm.example/v1/messages")
                .post(RequestBody.create("{}", null)).build());
    }

    @Test
    void aCallOfAClientCarryingOurInterceptorIsLeftToIt() throws IOException {
        OkHttpClient.Builder builder = new OkHttpClient.Builder();
        new OkHttpSupportImpl().configure(builder);
        OkHttpClient client = builder.build();

        assertThat(new OkHttpSupportImpl().chainStarting(callTo(client), client)).isNull();
        assertThat(inFlight()).isZero();
    }

    @Test
    void aCallOfAClientBuiltBeforeTheAttachHoldsItsSlotToTheEndOfItsBody() throws IOException {
        TestGate.use(gate);
        OkHttpClient early = new OkHttpClient.Builder().build(); // no hook ran: no interceptor of ours
        Call call = callTo(early);

        CallPassage passage = (CallPassage) new OkHttpSupportImpl().chainStarting(call, early);
        assertThat(inFlight()).isEqualTo(1);
        Response answered = new Response.Builder().request(call.request()).protocol(Protocol.HTTP_1_1)
                .code(200).message("OK").body(ResponseBody.create("data: 1\n\n", null)).build();
        Response handedOn = (Response) passage.ended(answered, null);
        assertThat(inFlight()).isEqualTo(1);
        assertThat(handedOn.body().string()).isEqualTo("data: 1\n\n");
        assertThat(inFlight()).isZero();
    }

    @Test
    void aFailedChainOfAClientBuiltBeforeTheAttachReleasesItsSlot() throws IOException {
        TestGate.use(gate);
        OkHttpClient early = new OkHttpClient.Builder().build();

        CallPassage passage = (CallPassage) new OkHttpSupportImpl().chainStarting(callTo(early), early);
        assertThat(inFlight()).isEqualTo(1);
        passage.ended(null, new IOException("connection reset"));
        assertThat(inFlight()).isZero();
    }

    /** Found by the soak: an interrupt during OkHttp 5's connect escapes as a checked InterruptedException. */
    @Test
    void aCallFailingWithACheckedExceptionReleasesTheSlot() throws IOException {
        GatedCall gated = acquired();
        OkHttpClient.Builder builder = new OkHttpClient.Builder();
        new OkHttpSupportImpl().configure(builder);
        OkHttpClient client = builder.addInterceptor(chain -> {
            throw OkHttpLibraryTest.<RuntimeException>sneaky(new InterruptedException());
        }).build();
        Call call = client.newCall(new Request.Builder().url("https://llm.example/v1/messages")
                .post(RequestBody.create("{}", null)).build());
        OkHttpCalls.granted(call, gated); // as if the call had waited for its slot in the queue

        Throwable thrown = catchThrowable(call::execute);

        assertThat(thrown).isInstanceOf(InterruptedException.class);
        assertThat(inFlight()).isZero();
        assertThat(gated.isEnded()).isTrue();
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> T sneaky(Throwable checked) throws T {
        throw (T) checked;
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
