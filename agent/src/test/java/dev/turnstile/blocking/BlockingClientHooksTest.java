package dev.turnstile.blocking;

import dev.turnstile.blocking.own.OwnClient;
import dev.turnstile.config.ConfigLoader;
import dev.turnstile.config.ProviderConfig;
import dev.turnstile.config.TurnstileConfig;
import dev.turnstile.control.SchedulerSettingsMapper;
import dev.turnstile.core.ProviderSnapshot;
import dev.turnstile.core.SlotScheduler;
import dev.turnstile.core.time.ExecutorTimerService;
import dev.turnstile.http.Gate;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.InputStreamEntity;
import org.apache.hc.core5.http.message.BasicClassicHttpResponse;
import org.apache.http.HttpResponse;
import org.apache.http.HttpVersion;
import org.apache.http.message.BasicHttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One set of blocking hooks serves Apache HttpClient 4 and 5 classic at once, in-process with
 * the real libraries: each object the advice hands over (a client, an executor, even an
 * application's subclass of one) finds its own family's library, a call holds one slot until its
 * body ends, a call nested in another holds none, and each attempt's status reaches the call.
 */
class BlockingClientHooksTest {

    private static final String HOST = "llm.example";
    /** A streamed body, still to be read when execute returns. */
    private static final byte[] BODY = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);

    private final ExecutorTimerService timer = new ExecutorTimerService("test-timer");
    private final TurnstileConfig config = ConfigLoader.load(
            "presets=false;providers.t.hosts=" + HOST + ";providers.t.limit=2", Map.of(), Map.of()).config();
    private final SlotScheduler scheduler = new SlotScheduler(SchedulerSettingsMapper.settings(config), timer);
    private final BlockingClientHooks hooks = new BlockingClientHooks(new Gate(scheduler, config));

    BlockingClientHooksTest() {
        for (ProviderConfig provider : config.providers().values()) {
            scheduler.addProvider(SchedulerSettingsMapper.provider(provider));
        }
        hooks.add("apache-httpclient4", "dev.turnstile.apache4.library.Apache4Adapter", List.of(
                "org.apache.http.impl.client.InternalHttpClient", "org.apache.http.impl.client.MinimalHttpClient",
                "org.apache.http.impl.client.AbstractHttpClient", "org.apache.http.protocol.HttpRequestExecutor"));
        hooks.add("apache-httpclient5", "dev.turnstile.apache5.library.Apache5Adapter", List.of(
                "org.apache.hc.client5.http.impl.classic.InternalHttpClient",
                "org.apache.hc.client5.http.impl.classic.MinimalHttpClient",
                "org.apache.hc.core5.http.impl.io.HttpRequestExecutor"));
    }

    @AfterEach
    void stopTimer() {
        timer.close();
    }

    @Test
    void eachClientFindsItsOwnLibraryAndHoldsItsSlotUntilItsBodyEnds() throws Exception {
        org.apache.http.impl.client.CloseableHttpClient client4 = org.apache.http.impl.client.HttpClients.createMinimal();
        org.apache.hc.client5.http.impl.classic.CloseableHttpClient client5 =
                org.apache.hc.client5.http.impl.classic.HttpClients.createMinimal();

        Object token4 = hooks.enter(client4, new org.apache.http.HttpHost(HOST, 443, "https"),
                new org.apache.http.client.methods.HttpPost("https://" + HOST + "/v1/chat"));
        HttpResponse answer4 = (HttpResponse) hooks.exit(token4, response4(200), null);
        Object token5 = hooks.enter(client5, new org.apache.hc.core5.http.HttpHost("https", HOST, 443),
                new org.apache.hc.client5.http.classic.methods.HttpPost("https://" + HOST + "/v1/chat"));
        ClassicHttpResponse answer5 = (ClassicHttpResponse) hooks.exit(token5, response5(200), null);

        assertThat(provider().inFlight()).as("one slot per call, held by its unread body").isEqualTo(2);
        org.apache.http.util.EntityUtils.consume(answer4.getEntity());
        EntityUtils.consume(answer5.getEntity());
        assertThat(provider().inFlight()).isZero();
        assertThat(provider().completed()).isEqualTo(2);
    }

    @Test
    void anApplicationSubclassOfAPlannedClientFindsItsFamilyThroughItsSuperclass() throws Exception {
        @SuppressWarnings("deprecation")
        Object legacy = new org.apache.http.impl.client.DefaultHttpClient() {
        };

        Object token = hooks.enter(legacy, null, new org.apache.http.client.methods.HttpPost("https://" + HOST + "/v1/chat"));
        assertThat(provider().inFlight()).isEqualTo(1);
        hooks.exit(token, response4(204), null);

        assertThat(provider().inFlight()).as("no body: the call ends with execute").isZero();
    }

    @Test
    void aCallNestedInAnotherOfAnyFamilyHoldsNoSecondSlot() throws Exception {
        Object outer = hooks.enter(org.apache.http.impl.client.HttpClients.createMinimal(), null,
                new org.apache.http.client.methods.HttpPost("https://" + HOST + "/v1/chat"));

        Object nested = hooks.enter(org.apache.hc.client5.http.impl.classic.HttpClients.createMinimal(), null,
                new org.apache.hc.client5.http.classic.methods.HttpPost("https://" + HOST + "/v1/chat"));

        assertThat(nested).isNull();
        assertThat(provider().inFlight()).isEqualTo(1);
        hooks.exit(outer, null, new IOException("refused"));
        assertThat(provider().inFlight()).isZero();
        assertThat(provider().failed()).isEqualTo(1);
    }

    @Test
    void eachAttemptsStatusReachesTheCallOnItsThread() throws Exception {
        Object token = hooks.enter(org.apache.hc.client5.http.impl.classic.HttpClients.createMinimal(), null,
                new org.apache.hc.client5.http.classic.methods.HttpPost("https://" + HOST + "/v1/chat"));

        hooks.attempt(new org.apache.hc.core5.http.impl.io.HttpRequestExecutor(), null, response5(429));
        assertThat(provider().paused()).as("the client's own retry of a 429 still pauses the provider").isTrue();
        hooks.exit(token, response5(200), null);
        assertThat(provider().rateLimited()).isEqualTo(1);
    }

    @Test
    void aClientOfItsOwnThatReachesAProviderWithoutTheExecuteDoorIsReportedOnce() throws Exception {
        org.apache.hc.core5.http.impl.io.HttpRequestExecutor executor = new org.apache.hc.core5.http.impl.io.HttpRequestExecutor();
        try (OwnClient own = new OwnClient(request -> hooks.attempt(executor, request, response5(200)))) {
            own.execute(new org.apache.hc.client5.http.classic.methods.HttpGet("https://" + HOST + "/v1/models"));
            own.execute(new org.apache.hc.client5.http.classic.methods.HttpPost("https://example.com/v1/chat"));
            assertThat(hooks.ungated().reported(OwnClient.class.getName(), "t"))
                    .as("a GET, and another host, are not gated anyway").isFalse();

            own.execute(new org.apache.hc.client5.http.classic.methods.HttpPost("https://" + HOST + "/v1/chat"));
            assertThat(hooks.ungated().reported(OwnClient.class.getName(), "t")).isTrue();
        }
        assertThat(provider().started()).as("reported, never gated").isZero();
    }

    @Test
    void anObjectOfNoPlannedClassIsLeftAlone() {
        assertThat(hooks.enter(new Object(), null, new Object())).isNull();
        assertThat(provider().started()).isZero();
    }

    private ProviderSnapshot provider() {
        return scheduler.snapshot().provider("t");
    }

    private static HttpResponse response4(int status) {
        BasicHttpResponse response = new BasicHttpResponse(HttpVersion.HTTP_1_1, status, "status");
        if (status != 204) {
            response.setEntity(new org.apache.http.entity.InputStreamEntity(new ByteArrayInputStream(BODY), BODY.length));
        }
        return response;
    }

    private static ClassicHttpResponse response5(int status) {
        BasicClassicHttpResponse response = new BasicClassicHttpResponse(status);
        response.setEntity(new InputStreamEntity(new ByteArrayInputStream(BODY), BODY.length, ContentType.APPLICATION_JSON));
        return response;
    }
}
