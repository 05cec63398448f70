package dev.turnstile.it;

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

    /** The JDK client's request timeout covers the wait for the headers, not the body. */
    @Override
    protected String stallPath() {
        return "/v1/stall-headers";
    }
}
