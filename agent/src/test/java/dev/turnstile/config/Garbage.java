package dev.turnstile.config;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Values of the wrong shape for every key the loader knows, keyed by {@link TopLevelKey} and
 * {@link ProviderKey} so that a new key without garbage here fails {@code EveryKeyRejectsGarbageTest}.
 */
public final class Garbage {

    static final Map<TopLevelKey, List<String>> TOP_LEVEL = new EnumMap<>(TopLevelKey.class);
    static final Map<ProviderKey, List<String>> PROVIDER = new EnumMap<>(ProviderKey.class);

    static {
        List<String> booleans = List.of("yes", "1", "", "truee", "on");
        List<String> limits = List.of("-1", "abc", "2.5", "99999999999", "", "0x10", "+3");
        TOP_LEVEL.put(TopLevelKey.ENABLED, booleans);
        TOP_LEVEL.put(TopLevelKey.CONFIG, List.of("bad\u0000path"));
        TOP_LEVEL.put(TopLevelKey.PRESETS, booleans);
        TOP_LEVEL.put(TopLevelKey.GLOBAL_LIMIT, limits);
        TOP_LEVEL.put(TopLevelKey.PRIORITY_AGENT, List.of("process", "header:", "header:X Y", "", "THREADS"));
        TOP_LEVEL.put(TopLevelKey.PRIORITY_TURN_HEADER, List.of("X Turn", "X:Turn", "Zuständig"));
        TOP_LEVEL.put(TopLevelKey.PRIORITY_TURN_IDLE, List.of("soon", "-1s", "5", "1d", "", "99999999999999h"));
        TOP_LEVEL.put(TopLevelKey.BACKOFF_STATUSES, List.of("429,600", "too-many", "", "42", "4290"));
        TOP_LEVEL.put(TopLevelKey.BACKOFF_INITIAL, List.of("0", "soon", "-1s", "99999999999999h"));
        TOP_LEVEL.put(TopLevelKey.BACKOFF_MAX, List.of("0", "-5s", "a minute"));
        TOP_LEVEL.put(TopLevelKey.BACKOFF_ADAPTIVE, booleans);
        TOP_LEVEL.put(TopLevelKey.BACKOFF_RECOVERY, List.of("0s", "x", "PT-30S"));
        TOP_LEVEL.put(TopLevelKey.RELEASE_COOLDOWN, List.of("5", "later", "-1ms", "99999999999999h"));
        TOP_LEVEL.put(TopLevelKey.LOG_LEVEL, List.of("verbose", "", "TRACE!", "5"));
        TOP_LEVEL.put(TopLevelKey.PERSIST, booleans);
        TOP_LEVEL.put(TopLevelKey.REDIS_URL, List.of("http://cache:6379", "redis://", "redis://cache:port", "redis://cache/db",
                "cache:6379"));
        TOP_LEVEL.put(TopLevelKey.REDIS_PASSWORD, List.of("pass\u0007word", "a\u0000b"));
        TOP_LEVEL.put(TopLevelKey.REDIS_NAMESPACE, List.of("{team}", "a b", "", "a:b"));
        TOP_LEVEL.put(TopLevelKey.REDIS_TIMEOUT, List.of("0", "2m", "fast", "-5ms"));
        TOP_LEVEL.put(TopLevelKey.REDIS_LEASE, List.of("0", "50ms", "2h", "soon"));
        TOP_LEVEL.put(TopLevelKey.REDIS_EXPECTED_INSTANCES, List.of("0", "-1", "two", "1.5"));
        PROVIDER.put(ProviderKey.HOSTS, List.of("", ",", "https://api.openai.com/v1", "llm:99999", "a b", "*."));
        PROVIDER.put(ProviderKey.LIMIT, limits);
        PROVIDER.put(ProviderKey.METHODS, List.of("PO$T", "GET POST", "", ","));
        PROVIDER.put(ProviderKey.PATHS, List.of("v1/chat", "/v1,v2"));
        PROVIDER.put(ProviderKey.MAX_HOLD, List.of("0", "never", "-1m", "", "99999999999999h"));
        PROVIDER.put(ProviderKey.QUEUE_TIMEOUT, List.of("-1s", "forever", "", "99999999999999h"));
        PROVIDER.put(ProviderKey.RPM, List.of("-1", "60/min", "", "1.5", "99999999999"));
        PROVIDER.put(ProviderKey.TPM, List.of("-5", "lots", "", "1e6", "99999999999"));
        PROVIDER.put(ProviderKey.BREAKER_FAILURES, limits);
    }

    private Garbage() {
    }

    /**
     * For each key that a command line can carry (no NUL character), its first garbage value: top-level
     * keys by their full name, provider keys for {@code providerId}.
     */
    public static Map<String, String> firstOfEachKey(String providerId) {
        Map<String, String> settings = new LinkedHashMap<>();
        TOP_LEVEL.forEach((key, values) -> values.stream().filter(Garbage::fitsACommandLine).findFirst()
                .ifPresent(value -> settings.put(key.key(), value)));
        PROVIDER.forEach((key, values) -> values.stream().filter(Garbage::fitsACommandLine).findFirst()
                .ifPresent(value -> settings.put(key.keyFor(providerId), value)));
        return settings;
    }

    private static boolean fitsACommandLine(String value) {
        return value.indexOf('\u0000') < 0;
    }
}
