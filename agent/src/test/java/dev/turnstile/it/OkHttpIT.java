package dev.turnstile.it;

/** OkHttp, {@code execute} and {@code enqueue}. */
class OkHttpIT extends AbstractAsyncClientIT {

    @Override
    protected String client() {
        return "okhttp";
    }
}
