package dev.turnstile.it;

import java.util.List;

/**
 * The OkHttp scenarios on OkHttp 4 (4.12, which the Anthropic SDK brings along): the child's class
 * path leaves out OkHttp 5's {@code okhttp-jvm}, so OkHttp 4's {@code okhttp} jar is the one loaded.
 */
class OkHttp4IT extends OkHttpIT {

    @Override
    protected String okHttpJar() {
        return "/okhttp-4.";
    }

    @Override
    protected List<String> classPath(List<String> entries) {
        return without(entries, "okhttp-jvm-");
    }
}
