package dev.turnstile.agent;

import dev.turnstile.apache4.Apache4Instrumentation;
import dev.turnstile.apache5.Apache5Instrumentation;
import dev.turnstile.jdkhttp.JdkHttpInstrumentation;
import dev.turnstile.okhttp.OkHttpInstrumentation;
import dev.turnstile.urlconnection.UrlConnectionInstrumentation;

import java.util.List;

/** Every HTTP client Turnstile knows how to gate. */
final class Clients {

    private Clients() {
    }

    static List<ClientInstrumentation> all() {
        return List.of(
                new JdkHttpInstrumentation(),
                new UrlConnectionInstrumentation(),
                new OkHttpInstrumentation(),
                new Apache5Instrumentation(),
                new Apache4Instrumentation());
    }
}
