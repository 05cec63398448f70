package dev.turnstile.it;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;

/** Apache HttpClient 4.5 classic. */
class Apache4IT extends AbstractClientIT {

    @Override
    protected String client() {
        return "apache4";
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void aRetryDelayInA429BodyHoldsTheQueue(Path jdk) throws Exception {
        assertA429BodyHintHoldsTheQueue(jdk);
    }
}
