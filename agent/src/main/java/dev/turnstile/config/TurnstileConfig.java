package dev.turnstile.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The whole configuration of one agent: an immutable snapshot, swapped as a whole on a runtime change.
 * {@code with…} methods return a validated copy and throw {@link IllegalArgumentException} with a clear
 * message for a bad value, so a JMX write can be checked before it goes live.
 *
 * <p>{@link #providers()} keeps a stable order: while presets are on, the preset ids first in
 * {@link Presets#ids()} order, then every other provider by id.
 */
public final class TurnstileConfig {

    /** The accepted log levels, lower case. */
    public static final List<String> LOG_LEVELS = List.of("trace", "debug", "info", "warn", "error", "off");

    static final String LOG_LEVEL_EXPECTED = "one of trace, debug, info, warn, error, off";

    private static final TurnstileConfig DEFAULTS = new Builder().build();

    private final boolean enabled;
    private final boolean presets;
    private final Map<String, ProviderConfig> providers;
    private final int globalLimit;
    private final AgentIdentity agentIdentity;
    private final Optional<String> turnHeader;
    private final Duration turnIdle;
    private final BackoffConfig backoff;
    private final Duration releaseCooldown;
    private final String logLevel;
    private final Optional<Path> configFile;
    private final boolean persist;
    private final Optional<RedisUrl> redisUrl;
    private final Optional<String> redisPassword;
    private final String redisNamespace;
    private final Duration redisTimeout;
    private final Duration redisLease;
    private final int redisExpectedInstances;

    private TurnstileConfig(Builder builder) {
        enabled = builder.enabled;
        presets = builder.presets;
        providers = inCanonicalOrder(builder.providers.values(), builder.presets);
        globalLimit = builder.globalLimit;
        agentIdentity = builder.agentIdentity;
        turnHeader = builder.turnHeader;
        turnIdle = builder.turnIdle;
        backoff = builder.backoff;
        releaseCooldown = builder.releaseCooldown;
        logLevel = builder.logLevel;
        configFile = builder.configFile;
        persist = builder.persist;
        redisUrl = builder.redisUrl;
        redisPassword = builder.redisPassword;
        redisNamespace = builder.redisNamespace;
        redisTimeout = builder.redisTimeout;
        redisLease = builder.redisLease;
        redisExpectedInstances = builder.redisExpectedInstances;
    }

    private static Map<String, ProviderConfig> inCanonicalOrder(Collection<ProviderConfig> providers, boolean presets) {
        List<ProviderConfig> sorted = new ArrayList<>(providers);
        sorted.sort(Comparator.comparingInt((ProviderConfig p) -> presetRank(p.id(), presets))
                .thenComparing(ProviderConfig::id));
        Map<String, ProviderConfig> byId = new LinkedHashMap<>();
        for (ProviderConfig provider : sorted) {
            byId.put(provider.id(), provider);
        }
        return Collections.unmodifiableMap(byId);
    }

    private static int presetRank(String id, boolean presets) {
        int index = presets ? Presets.indexOf(id) : -1;
        return index < 0 ? Integer.MAX_VALUE : index;
    }

    /** Everything at its built-in default, with the presets registered. */
    public static TurnstileConfig defaults() {
        return DEFAULTS;
    }

    /** A builder starting from {@link #defaults()}, presets included. */
    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** {@code false}: the agent installs nothing. */
    public boolean enabled() {
        return enabled;
    }

    /** Whether the built-in providers were registered (it also decides the order of {@link #providers()}). */
    public boolean presets() {
        return presets;
    }

    /** The providers by id, unmodifiable, in the stable order described on the class. */
    public Map<String, ProviderConfig> providers() {
        return providers;
    }

    public Optional<ProviderConfig> provider(String id) {
        return Optional.ofNullable(providers.get(id));
    }

    /**
     * The provider that gates calls to {@code host:port}. When patterns of several providers match, the
     * closest wins: an exact host over a wildcard, a pattern with a port over one without, a longer
     * domain over a shorter one; on a tie, the earlier provider.
     */
    public Optional<ProviderConfig> providerFor(String host, int port) {
        ProviderConfig best = null;
        int bestSpecificity = -1;
        for (ProviderConfig provider : providers.values()) {
            for (HostPattern pattern : provider.hosts()) {
                if (pattern.specificity() > bestSpecificity && pattern.matches(host, port)) {
                    best = provider;
                    bestSpecificity = pattern.specificity();
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /** Maximum concurrent gated calls over all providers; 0 = unlimited. */
    public int globalLimit() {
        return globalLimit;
    }

    public AgentIdentity agentIdentity() {
        return agentIdentity;
    }

    /** The request header carrying the turn's start (epoch millis or ISO-8601), if any. */
    public Optional<String> turnHeader() {
        return turnHeader;
    }

    /** An agent idle this long starts a new turn with its next call. */
    public Duration turnIdle() {
        return turnIdle;
    }

    public BackoffConfig backoff() {
        return backoff;
    }

    /** How long a released slot stays unusable (providers count in-flight calls with a lag). */
    public Duration releaseCooldown() {
        return releaseCooldown;
    }

    /** One of {@link #LOG_LEVELS}; default {@code info}. */
    public String logLevel() {
        return logLevel;
    }

    /** The properties file named by {@code turnstile.config}, whether or not it could be read. */
    public Optional<Path> configFile() {
        return configFile;
    }

    /** Whether runtime changes should be written back to {@link #configFile()}. */
    public boolean persist() {
        return persist;
    }

    /** Shared limits through Redis; empty (the default) when {@code turnstile.redis.url} is not set. */
    public Optional<RedisSettings> redis() {
        return redisUrl.map(url -> new RedisSettings(url, redisPassword, redisNamespace,
                new RedisSettings.Timings(redisTimeout, redisLease, redisExpectedInstances)));
    }

    public TurnstileConfig withEnabled(boolean enabled) {
        return toBuilder().enabled(enabled).build();
    }

    /** @throws IllegalArgumentException for a negative limit */
    public TurnstileConfig withGlobalLimit(int globalLimit) {
        return toBuilder().globalLimit(globalLimit).build();
    }

    /** Adds the provider, or replaces the one with the same id. */
    public TurnstileConfig withProvider(ProviderConfig provider) {
        return toBuilder().provider(provider).build();
    }

    /** @throws IllegalArgumentException when there is no provider with this id */
    public TurnstileConfig withoutProvider(String id) {
        return toBuilder().removeProvider(id).build();
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof TurnstileConfig)) {
            return false;
        }
        TurnstileConfig that = (TurnstileConfig) other;
        return enabled == that.enabled && presets == that.presets && globalLimit == that.globalLimit
                && persist == that.persist && providers.equals(that.providers)
                && agentIdentity.equals(that.agentIdentity) && turnHeader.equals(that.turnHeader)
                && turnIdle.equals(that.turnIdle) && backoff.equals(that.backoff)
                && releaseCooldown.equals(that.releaseCooldown) && logLevel.equals(that.logLevel)
                && configFile.equals(that.configFile) && redisUrl.equals(that.redisUrl)
                && redisPassword.equals(that.redisPassword) && redisNamespace.equals(that.redisNamespace)
                && redisTimeout.equals(that.redisTimeout) && redisLease.equals(that.redisLease)
                && redisExpectedInstances == that.redisExpectedInstances;
    }

    @Override
    public int hashCode() {
        return Objects.hash(enabled, presets, providers, globalLimit, agentIdentity, turnHeader, turnIdle,
                backoff, releaseCooldown, logLevel, configFile, persist,
                redisUrl, redisPassword, redisNamespace, redisTimeout, redisLease, redisExpectedInstances);
    }

    @Override
    public String toString() {
        return "TurnstileConfig{enabled=" + enabled + ", presets=" + presets + ", globalLimit=" + globalLimit
                + ", agentIdentity=" + agentIdentity + ", turnHeader=" + turnHeader.orElse("none")
                + ", turnIdle=" + Durations.format(turnIdle) + ", backoff=" + backoff
                + ", releaseCooldown=" + Durations.format(releaseCooldown) + ", logLevel=" + logLevel
                + ", configFile=" + configFile.map(Path::toString).orElse("none") + ", persist=" + persist
                + ", redis=" + redis().map(RedisSettings::toString).orElse("none")
                + ", providers=" + providers.values() + '}';
    }

    /** Checks each value as it is set. */
    public static final class Builder {

        private boolean enabled = true;
        private boolean presets = true;
        private final Map<String, ProviderConfig> providers = new LinkedHashMap<>();
        private int globalLimit;
        private AgentIdentity agentIdentity = AgentIdentity.thread();
        private Optional<String> turnHeader = Optional.empty();
        private Duration turnIdle = Duration.ofSeconds(30);
        private BackoffConfig backoff = BackoffConfig.defaults();
        private Duration releaseCooldown = Duration.ZERO;
        private String logLevel = "info";
        private Optional<Path> configFile = Optional.empty();
        private boolean persist;
        private Optional<RedisUrl> redisUrl = Optional.empty();
        private Optional<String> redisPassword = Optional.empty();
        private String redisNamespace = RedisSettings.DEFAULT_NAMESPACE;
        private Duration redisTimeout = RedisSettings.Timings.DEFAULTS.timeout();
        private Duration redisLease = RedisSettings.Timings.DEFAULTS.lease();
        private int redisExpectedInstances = RedisSettings.Timings.DEFAULTS.expectedInstances();

        private Builder() {
            for (ProviderConfig preset : Presets.all()) {
                providers.put(preset.id(), preset);
            }
        }

        private Builder(TurnstileConfig config) {
            enabled = config.enabled;
            presets = config.presets;
            providers.putAll(config.providers);
            globalLimit = config.globalLimit;
            agentIdentity = config.agentIdentity;
            turnHeader = config.turnHeader;
            turnIdle = config.turnIdle;
            backoff = config.backoff;
            releaseCooldown = config.releaseCooldown;
            logLevel = config.logLevel;
            configFile = config.configFile;
            persist = config.persist;
            redisUrl = config.redisUrl;
            redisPassword = config.redisPassword;
            redisNamespace = config.redisNamespace;
            redisTimeout = config.redisTimeout;
            redisLease = config.redisLease;
            redisExpectedInstances = config.redisExpectedInstances;
        }

        public Builder enabled(boolean enabled) {
            this.enabled = enabled;
            return this;
        }

        /** Sets the flag only; the providers are whatever {@link #providers} and {@link #provider} say. */
        public Builder presets(boolean presets) {
            this.presets = presets;
            return this;
        }

        /** Replaces all providers. */
        public Builder providers(Collection<ProviderConfig> providers) {
            Checks.notNull(providers, "provider list");
            this.providers.clear();
            for (ProviderConfig provider : providers) {
                provider(provider);
            }
            return this;
        }

        /** Adds the provider, or replaces the one with the same id. */
        public Builder provider(ProviderConfig provider) {
            Checks.notNull(provider, "provider");
            providers.put(provider.id(), provider);
            return this;
        }

        /** @throws IllegalArgumentException when there is no provider with this id */
        public Builder removeProvider(String id) {
            if (providers.remove(id) == null) {
                throw new IllegalArgumentException(Checks.quote(id) + " is not a configured provider; expected one of "
                        + String.join(", ", providers.keySet()));
            }
            return this;
        }

        public Builder globalLimit(int globalLimit) {
            this.globalLimit = Checks.limit(globalLimit);
            return this;
        }

        public Builder agentIdentity(AgentIdentity agentIdentity) {
            this.agentIdentity = Checks.notNull(agentIdentity, "agent identity");
            return this;
        }

        /** An empty value means no turn header. */
        public Builder turnHeader(Optional<String> turnHeader) {
            Checks.notNull(turnHeader, "turn header");
            this.turnHeader = turnHeader.map(Checks::headerName);
            return this;
        }

        public Builder turnIdle(Duration turnIdle) {
            this.turnIdle = Checks.notNegative(turnIdle, "turn idle");
            return this;
        }

        public Builder backoff(BackoffConfig backoff) {
            this.backoff = Checks.notNull(backoff, "backoff");
            return this;
        }

        public Builder releaseCooldown(Duration releaseCooldown) {
            this.releaseCooldown = Checks.notNegative(releaseCooldown, "release cooldown");
            return this;
        }

        /** Any case; stored lower case. */
        public Builder logLevel(String logLevel) {
            String lower = logLevel == null ? "" : logLevel.trim().toLowerCase(Locale.ROOT);
            if (!LOG_LEVELS.contains(lower)) {
                throw Checks.invalid(Checks.quote(logLevel), "log level", LOG_LEVEL_EXPECTED);
            }
            this.logLevel = lower;
            return this;
        }

        public Builder configFile(Optional<Path> configFile) {
            this.configFile = Checks.notNull(configFile, "config file");
            return this;
        }

        public Builder persist(boolean persist) {
            this.persist = persist;
            return this;
        }

        /** Empty: no shared limits. */
        public Builder redisUrl(Optional<RedisUrl> redisUrl) {
            this.redisUrl = Checks.notNull(redisUrl, "Redis URL");
            return this;
        }

        /** Empty: the URL's password, if any. */
        public Builder redisPassword(Optional<String> redisPassword) {
            this.redisPassword = Checks.notNull(redisPassword, "Redis password");
            return this;
        }

        public Builder redisNamespace(String redisNamespace) {
            this.redisNamespace = RedisSettings.namespace(Checks.notNull(redisNamespace, "Redis namespace"));
            return this;
        }

        /** The bound on one Redis round trip. */
        public Builder redisTimeout(Duration redisTimeout) {
            this.redisTimeout = RedisSettings.Timings.timeout(Checks.notNull(redisTimeout, "Redis timeout"),
                    Durations.format(redisTimeout));
            return this;
        }

        /** How long a JVM's lease in Redis lasts; its heartbeat beats ten times per lease. */
        public Builder redisLease(Duration redisLease) {
            this.redisLease = RedisSettings.Timings.lease(Checks.notNull(redisLease, "Redis lease"),
                    Durations.format(redisLease));
            return this;
        }

        /** The JVMs a JVM that never reached Redis assumes for its local share. */
        public Builder redisExpectedInstances(int redisExpectedInstances) {
            this.redisExpectedInstances = RedisSettings.Timings.expectedInstances(redisExpectedInstances,
                    String.valueOf(redisExpectedInstances));
            return this;
        }

        Duration redisTimeout() {
            return redisTimeout;
        }

        Duration redisLease() {
            return redisLease;
        }

        int redisExpectedInstances() {
            return redisExpectedInstances;
        }

        Optional<RedisUrl> redisUrl() {
            return redisUrl;
        }

        Optional<String> redisPassword() {
            return redisPassword;
        }

        String redisNamespace() {
            return redisNamespace;
        }

        boolean enabled() {
            return enabled;
        }

        boolean presets() {
            return presets;
        }

        int globalLimit() {
            return globalLimit;
        }

        AgentIdentity agentIdentity() {
            return agentIdentity;
        }

        Optional<String> turnHeader() {
            return turnHeader;
        }

        Duration turnIdle() {
            return turnIdle;
        }

        Duration releaseCooldown() {
            return releaseCooldown;
        }

        String logLevel() {
            return logLevel;
        }

        Optional<Path> configFile() {
            return configFile;
        }

        boolean persist() {
            return persist;
        }

        public TurnstileConfig build() {
            return new TurnstileConfig(this);
        }
    }
}
