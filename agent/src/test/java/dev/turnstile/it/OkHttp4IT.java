package dev.turnstile.it;

import java.nio.file.Paths;

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
    protected boolean onClassPath(String entry) {
        return !Paths.get(entry).getFileName().toString().startsWith("okhttp-jvm-");
    }
}
