package dev.turnstile.config;

/** The {@code turnstile.} prefix of every key, which agent arguments and the properties file may leave out. */
final class KeyPrefix {

    static final String TURNSTILE = "turnstile.";
    static final String PROVIDERS = TURNSTILE + "providers.";

    private KeyPrefix() {
    }

    /** The full key: {@code global.limit} → {@code turnstile.global.limit}; a full key stays as it is. */
    static String fullKey(String key) {
        return key.startsWith(TURNSTILE) ? key : TURNSTILE + key;
    }
}
