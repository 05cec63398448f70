package dev.turnstile.config;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The keys outside {@code turnstile.providers.<id>.…}: how each one's text is read into a
 * {@link ConfigDraft}, and how its current value reads in a "keeping …" message.
 */
enum TopLevelKey {

    ENABLED("enabled",
            (draft, raw) -> draft.config.enabled(ValueParsers.bool(raw)),
            draft -> String.valueOf(draft.config.enabled())),
    CONFIG("config",
            (draft, raw) -> draft.config.configFile(ValueParsers.optionalPath(raw)),
            draft -> "no file"),
    PRESETS("presets",
            (draft, raw) -> draft.config.presets(ValueParsers.bool(raw)),
            draft -> String.valueOf(draft.config.presets())),
    GLOBAL_LIMIT("global.limit",
            (draft, raw) -> draft.config.globalLimit(ValueParsers.limit(raw)),
            draft -> String.valueOf(draft.config.globalLimit())),
    PRIORITY_AGENT("priority.agent",
            (draft, raw) -> draft.config.agentIdentity(AgentIdentity.parse(raw)),
            draft -> draft.config.agentIdentity().toString()),
    PRIORITY_TURN_HEADER("priority.turn-header",
            (draft, raw) -> draft.config.turnHeader(ValueParsers.optionalHeaderName(raw)),
            draft -> draft.config.turnHeader().orElse("none")),
    PRIORITY_TURN_IDLE("priority.turn-idle",
            (draft, raw) -> draft.config.turnIdle(ValueParsers.duration(raw)),
            draft -> Durations.format(draft.config.turnIdle())),
    BACKOFF_STATUSES("backoff.statuses",
            (draft, raw) -> draft.backoff.statuses(ValueParsers.statuses(raw)),
            draft -> draft.backoff.statuses().stream().map(String::valueOf).collect(Collectors.joining(","))),
    BACKOFF_INITIAL("backoff.initial",
            (draft, raw) -> draft.backoff.initial(ValueParsers.positiveDuration(raw, "initial backoff", "1s")),
            draft -> Durations.format(draft.backoff.initial())),
    BACKOFF_MAX("backoff.max",
            (draft, raw) -> draft.backoff.max(ValueParsers.positiveDuration(raw, "maximum backoff", "60s")),
            draft -> Durations.format(draft.backoff.max())),
    BACKOFF_ADAPTIVE("backoff.adaptive",
            (draft, raw) -> draft.backoff.adaptive(ValueParsers.bool(raw)),
            draft -> String.valueOf(draft.backoff.adaptive())),
    BACKOFF_RECOVERY("backoff.recovery",
            (draft, raw) -> draft.backoff.recovery(ValueParsers.positiveDuration(raw, "recovery period", "30s")),
            draft -> Durations.format(draft.backoff.recovery())),
    RELEASE_COOLDOWN("release-cooldown",
            (draft, raw) -> draft.config.releaseCooldown(ValueParsers.duration(raw)),
            draft -> Durations.format(draft.config.releaseCooldown())),
    LOG_LEVEL("log.level",
            (draft, raw) -> draft.config.logLevel(raw),
            draft -> draft.config.logLevel()),
    PERSIST("persist",
            (draft, raw) -> draft.config.persist(ValueParsers.bool(raw)),
            draft -> String.valueOf(draft.config.persist())),
    REDIS_URL("redis.url",
            (draft, raw) -> draft.config.redisUrl(RedisUrl.parseOptional(raw)),
            draft -> draft.config.redisUrl().map(RedisUrl::toString).orElse("none")),
    // The reader never shows the secret, not even in a "keeping …" message.
    REDIS_PASSWORD("redis.password",
            (draft, raw) -> draft.config.redisPassword(ValueParsers.optionalSecret(raw, "Redis password")),
            draft -> draft.config.redisPassword().isPresent() ? "(set)" : "none"),
    REDIS_NAMESPACE("redis.namespace",
            (draft, raw) -> draft.config.redisNamespace(raw),
            draft -> draft.config.redisNamespace()),
    REDIS_TIMEOUT("redis.timeout",
            (draft, raw) -> draft.config.redisTimeout(ValueParsers.redisTimeout(raw)),
            draft -> Durations.format(draft.config.redisTimeout())),
    REDIS_LEASE("redis.lease",
            (draft, raw) -> draft.config.redisLease(ValueParsers.redisLease(raw)),
            draft -> Durations.format(draft.config.redisLease())),
    REDIS_EXPECTED_INSTANCES("redis.expected-instances",
            (draft, raw) -> draft.config.redisExpectedInstances(ValueParsers.expectedInstances(raw)),
            draft -> String.valueOf(draft.config.redisExpectedInstances()));

    /** Set by the user only: never written back by the persister (a password must not land in a file). */
    boolean userOnly() {
        return shortName.startsWith("redis.");
    }

    /** Reads a raw text into the draft; throws {@link IllegalArgumentException} for a bad one. */
    interface Setter {
        void apply(ConfigDraft draft, String raw);
    }

    /** The draft's current value for this key, as text. */
    interface Reader {
        String currentText(ConfigDraft draft);
    }

    private static final Map<String, TopLevelKey> BY_KEY = new HashMap<>();

    static {
        for (TopLevelKey key : values()) {
            BY_KEY.put(key.key, key);
        }
    }

    private final String shortName;
    private final String key;
    private final Setter setter;
    private final Reader reader;

    TopLevelKey(String shortName, Setter setter, Reader reader) {
        this.shortName = shortName;
        this.key = KeyPrefix.TURNSTILE + shortName;
        this.setter = setter;
        this.reader = reader;
    }

    static Optional<TopLevelKey> forKey(String key) {
        return Optional.ofNullable(BY_KEY.get(key));
    }

    /** The full key, e.g. {@code turnstile.global.limit}. */
    String key() {
        return key;
    }

    /** The key without {@code turnstile.}, e.g. {@code global.limit}. */
    String shortName() {
        return shortName;
    }

    /** The environment spelling, e.g. {@code TURNSTILE_GLOBAL_LIMIT}. */
    String environmentName() {
        return EnvironmentVariables.nameOf(key);
    }

    void apply(ConfigDraft draft, String raw) {
        setter.apply(draft, raw);
    }

    String currentText(ConfigDraft draft) {
        return reader.currentText(draft);
    }
}
