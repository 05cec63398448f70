package dev.turnstile.it;

import java.util.List;

/**
 * The OkHttp scenarios on OkHttp 3 (3.14.9, with the Okio 3 of the test class path, as an
 * application that upgraded Okio would run it). Maven copies the jar aside before the
 * integration tests ({@code turnstile.it.okhttp3}); the child loads it instead of OkHttp 5 and 4.
 */
class OkHttp3IT extends OkHttpIT {

    @Override
    protected String okHttpJar() {
        return "/okhttp-3.";
    }

    @Override
    protected List<String> classPath(List<String> entries) {
        List<String> classPath = without(entries, "okhttp-jvm-", "okhttp-4.");
        classPath.add(1, System.getProperty("turnstile.it.okhttp3", "target/okhttp3/okhttp-3.14.9.jar"));
        return classPath;
    }
}
