package dev.turnstile.console.web;

import com.sun.net.httpserver.Headers;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GuardTest {

    private static final String TOKEN = "0123456789abcdef0123";
    private final Guard guard = new Guard(TOKEN, true, 8080);

    private static Headers headers(String... pairs) {
        Headers headers = new Headers();
        for (int i = 0; i < pairs.length; i += 2) {
            headers.add(pairs[i], pairs[i + 1]);
        }
        return headers;
    }

    @Test
    void readsNeedALoopbackHostOnly() {
        assertThat(guard.checkRead(headers("Host", "127.0.0.1:8080"))).isNull();
        assertThat(guard.checkRead(headers("Host", "localhost:8080"))).isNull();
        assertThat(guard.checkRead(headers("Host", "evil.example:8080")).status()).isEqualTo(403);
        assertThat(guard.checkRead(headers()).status()).isEqualTo(400);
        assertThat(new Guard(TOKEN, false, 8080).checkRead(headers("Host", "console.internal:8080"))).isNull();
    }

    @Test
    void changesNeedTheTokenJsonAndNoForeignOrigin() {
        String[] good = {"Host", "127.0.0.1:8080", "X-Turnstile-Token", TOKEN, "Content-Type", "application/json"};
        assertThat(guard.checkWrite(headers(good))).isNull();
        assertThat(guard.checkWrite(headers("Host", "127.0.0.1:8080", "X-Turnstile-Token", TOKEN, "Content-Type",
                "application/json", "Origin", "http://127.0.0.1:8080", "Sec-Fetch-Site", "same-origin"))).isNull();
        assertThat(guard.checkWrite(headers("Host", "127.0.0.1:8080", "Content-Type", "application/json")).status())
                .isEqualTo(401);
        assertThat(guard.checkWrite(headers("Host", "127.0.0.1:8080", "X-Turnstile-Token", "nope", "Content-Type",
                "application/json")).status()).isEqualTo(401);
        assertThat(guard.checkWrite(headers("Host", "127.0.0.1:8080", "X-Turnstile-Token", TOKEN, "Content-Type",
                "application/json", "Origin", "http://evil.example")).status()).isEqualTo(403);
        assertThat(guard.checkWrite(headers("Host", "127.0.0.1:8080", "X-Turnstile-Token", TOKEN, "Content-Type",
                "application/json", "Sec-Fetch-Site", "cross-site")).status()).isEqualTo(403);
        assertThat(guard.checkWrite(headers("Host", "127.0.0.1:8080", "X-Turnstile-Token", TOKEN, "Content-Type",
                "text/plain")).status()).isEqualTo(415);
    }
}
