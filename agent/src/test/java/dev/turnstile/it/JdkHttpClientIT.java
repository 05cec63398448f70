package dev.turnstile.it;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;

/** {@code java.net.http.HttpClient}, {@code send} and {@code sendAsync}. */
class JdkHttpClientIT extends AbstractAsyncClientIT {

    @Override
    protected String client() {
        return "jdk";
    }

    /**
     * The connection feeding an {@code ofInputStream} body holds it (through its body parser and
     * the future the body completed) until the stream ends; by then the slot is released anyway.
     */
    @Override
    protected boolean letsADroppedBodyBecomeGarbage() {
        return false;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void aRetryDelayInA429BodyHoldsTheQueue(Path jdk) throws Exception {
        assertA429BodyHintHoldsTheQueue(jdk);
    }

    /** The JDK client's request timeout covers the wait for the headers, not the body. */
    @Override
    protected String stallPath() {
        return "/v1/stall-headers";
    }
}
