package dev.turnstile.config;

import java.util.Collection;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The properties of {@code turnstile.providers.<id>.<property>}: how each one's text is read into a
 * {@link ProviderConfig.Builder}, and how its current value reads in a "keeping …" message. The constant
 * names are the environment suffixes ({@code …_MAX_HOLD}); hosts comes first so that the others are
 * reported against a provider that exists.
 */
enum ProviderKey {

    HOSTS("hosts",
            (builder, raw) -> builder.hosts(ValueParsers.hosts(raw)),
            builder -> joined(builder.hosts())),
    LIMIT("limit",
            (builder, raw) -> builder.limit(ValueParsers.limit(raw)),
            builder -> String.valueOf(builder.limit())),
    METHODS("methods",
            (builder, raw) -> builder.methods(ValueParsers.methods(raw)),
            builder -> joined(builder.methods())),
    PATHS("paths",
            (builder, raw) -> builder.paths(ValueParsers.paths(raw)),
            builder -> builder.paths().isEmpty() ? "all paths" : joined(builder.paths())),
    MAX_HOLD("max-hold",
            (builder, raw) -> builder.maxHold(ValueParsers.positiveDuration(raw, "max hold", "10m")),
            builder -> Durations.format(builder.maxHold())),
    QUEUE_TIMEOUT("queue-timeout",
            (builder, raw) -> builder.queueTimeout(ValueParsers.duration(raw)),
            builder -> Durations.format(builder.queueTimeout())),
    RPM("rpm",
            (builder, raw) -> builder.rpm((int) ValueParsers.budget(raw, "rpm", Integer.MAX_VALUE)),
            builder -> String.valueOf(builder.rpm())),
    TPM("tpm",
            (builder, raw) -> builder.tpm(ValueParsers.budget(raw, "tpm", Long.MAX_VALUE)),
            builder -> String.valueOf(builder.tpm())),
    BREAKER_FAILURES("breaker-failures",
            (builder, raw) -> builder.breakerFailures(ValueParsers.breakerFailures(raw)),
            builder -> String.valueOf(builder.breakerFailures()));

    /** Reads a raw text into the builder; throws {@link IllegalArgumentException} for a bad one. */
    interface Setter {
        void apply(ProviderConfig.Builder builder, String raw);
    }

    /** The builder's current value for this property, as text. */
    interface Reader {
        String currentText(ProviderConfig.Builder builder);
    }

    private final String propertyName;
    private final Setter setter;
    private final Reader reader;

    ProviderKey(String propertyName, Setter setter, Reader reader) {
        this.propertyName = propertyName;
        this.setter = setter;
        this.reader = reader;
    }

    static Optional<ProviderKey> forPropertyName(String propertyName) {
        for (ProviderKey property : values()) {
            if (property.propertyName.equals(propertyName)) {
                return Optional.of(property);
            }
        }
        return Optional.empty();
    }

    /** The name in a dotted key, e.g. {@code max-hold}. */
    String propertyName() {
        return propertyName;
    }

    /** The full key for a provider, e.g. {@code turnstile.providers.openai.max-hold}. */
    String keyFor(String providerId) {
        return KeyPrefix.PROVIDERS + providerId + '.' + propertyName;
    }

    void apply(ProviderConfig.Builder builder, String raw) {
        setter.apply(builder, raw);
    }

    String currentText(ProviderConfig.Builder builder) {
        return reader.currentText(builder);
    }

    private static String joined(Collection<?> values) {
        return values.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
}
