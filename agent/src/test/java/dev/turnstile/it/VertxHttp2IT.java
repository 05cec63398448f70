package dev.turnstile.it;

import dev.turnstile.it.apps.CallerLoop;
import dev.turnstile.it.support.ScenarioJvms;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Vert.x 5's {@code HttpClient} over HTTP/2, to a provider that speaks nothing else: h2c (prior
 * knowledge, no upgrade) and h2 (TLS, ALPN). Each request is a stream of a shared connection,
 * written through the same {@code doWrite} as over HTTP/1.1: the provider never sees more streams
 * than the limit, and a 429's {@code Retry-After} holds the next call back. (The fault matrix over
 * HTTP/2 runs for Reactor Netty, {@link ReactorNettyHttp2IT}.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VertxHttp2IT {

    private final ScenarioJvms jvms = new ScenarioJvms(CallerLoop.class, entries -> entries);

    @TempDir
    Path certificates;

    @AfterAll
    void stopTheJvms() throws Exception {
        AbstractClientIT.stopAndCheck(jvms.all());
    }

    static Stream<Arguments> protocolsAndJdks() {
        return ReactorNettyHttp2IT.protocolsAndJdks();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("protocolsAndJdks")
    void theProviderNeverSeesMoreStreamsThanTheLimitAndEachHoldsItsSlotToItsLastFrame(String protocol, Path jdk)
            throws Exception {
        ReactorNettyHttp2IT.assertConcurrency(jvms, "vertx-" + protocol, protocol, jdk, certificates);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("protocolsAndJdks")
    void aRateLimitPausesTheProviderForRetryAfter(String protocol, Path jdk) throws Exception {
        ReactorNettyHttp2IT.assertRateLimitPause(jvms, "vertx-" + protocol, protocol, jdk, certificates);
    }
}
