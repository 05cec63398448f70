package dev.turnstile.it;

/** {@code java.net.http.HttpClient}, {@code send} and {@code sendAsync}. */
class JdkHttpClientIT extends AbstractAsyncClientIT {

    @Override
    protected String client() {
        return "jdk";
    }

    /** The JDK client's request timeout covers the wait for the headers, not the body. */
    @Override
    protected String stallPath() {
        return "/v1/stall-headers";
    }
}
