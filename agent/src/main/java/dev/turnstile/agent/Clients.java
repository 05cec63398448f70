package dev.turnstile.agent;

import dev.turnstile.jdkhttp.JdkHttpInstrumentation;
import dev.turnstile.okhttp.OkHttpInstrumentation;

import java.util.List;

/** Every HTTP client Turnstile knows how to gate. */
final class Clients {

    private Clients() {
    }

    static List<ClientInstrumentation> all() {
        return List.of(
                new JdkHttpInstrumentation(),
                new OkHttpInstrumentation());
    }
}
