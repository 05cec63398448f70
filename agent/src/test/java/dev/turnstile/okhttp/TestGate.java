package dev.turnstile.okhttp;

import dev.turnstile.http.Gate;

/** Lets the {@code .library} tests give the OkHttp helpers a gate, as the family's {@code activate} does. */
public final class TestGate {

    private TestGate() {
    }

    /** {@code gate} null: none, as before the agent started. */
    public static void use(Gate gate) {
        OkHttpCalls.activate(gate);
    }
}
