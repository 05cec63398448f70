package dev.turnstile.http;

import java.util.Locale;
import java.util.Set;

/** Headers that carry credentials: never logged, never shown, never used as an agent key. */
public final class SecretHeaders {

    private static final Set<String> NAMES = Set.of("authorization", "proxy-authorization", "x-api-key", "api-key",
            "cookie", "set-cookie", "x-goog-api-key", "openai-api-key", "anthropic-api-key");

    private SecretHeaders() {
    }

    public static boolean isSecret(String headerName) {
        if (headerName == null) {
            return false;
        }
        String name = headerName.toLowerCase(Locale.ROOT);
        return NAMES.contains(name) || name.contains("token") || name.contains("secret") || name.endsWith("-key");
    }
}
