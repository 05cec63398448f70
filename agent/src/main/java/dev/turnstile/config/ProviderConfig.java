package dev.turnstile.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * One gated provider: the hosts its calls go to, how many may run at once, which of its calls are
 * gated (methods and path prefixes), and the per-call time limits. Immutable; {@code with…} methods
 * return a validated copy and throw {@link IllegalArgumentException} for a bad value.
 */
public final class ProviderConfig {

    /** Watchdog default: a slot held longer than this is taken back. */
    public static final Duration DEFAULT_MAX_HOLD = Duration.ofMinutes(10);

    static final String ID_EXPECTED =
            "lower case letters, digits and '-', starting with a letter or digit (e.g. openai, azure-openai)";
    static final String METHOD_EXPECTED = "an HTTP method such as POST or GET, or * for all";
    static final String PATH_EXPECTED = "a path prefix starting with / (e.g. /v1/chat/completions)";

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final Pattern METHOD = Pattern.compile("[A-Z][A-Z-]*");
    private static final String ALL_METHODS = "*";

    private final String id;
    private final List<HostPattern> hosts;
    private final int limit;
    private final Set<String> methods;
    private final List<String> paths;
    private final Duration maxHold;
    private final Duration queueTimeout;
    private final int rpm;
    private final long tpm;
    private final int breakerFailures;

    private ProviderConfig(Builder builder) {
        this.id = builder.id;
        this.hosts = builder.hosts;
        this.limit = builder.limit;
        this.methods = builder.methods;
        this.paths = builder.paths;
        this.maxHold = builder.maxHold;
        this.queueTimeout = builder.queueTimeout;
        this.rpm = builder.rpm;
        this.tpm = builder.tpm;
        this.breakerFailures = builder.breakerFailures;
    }

    /**
     * A builder for a provider with this id and the defaults: limit 0 (unlimited), methods POST, all paths,
     * max-hold 10m, no queue timeout, no overload breaker. Hosts must be given before {@link Builder#build()}.
     *
     * @throws IllegalArgumentException when the id is not lower case {@code [a-z0-9][a-z0-9-]*}
     */
    public static Builder builder(String id) {
        return new Builder(checkId(id));
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Whether a text is a valid provider id. */
    public static boolean isValidId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    static String checkId(String id) {
        if (!isValidId(id)) {
            throw Checks.invalid(Checks.quote(id), "provider id", ID_EXPECTED);
        }
        return id;
    }

    public String id() {
        return id;
    }

    /** The hosts whose calls belong to this provider; never empty. */
    public List<HostPattern> hosts() {
        return hosts;
    }

    /** Whether a call to {@code host:port} belongs to this provider (see {@link HostPattern#matches}). */
    public boolean matchesHost(String host, int port) {
        for (HostPattern pattern : hosts) {
            if (pattern.matches(host, port)) {
                return true;
            }
        }
        return false;
    }

    /** Maximum concurrent calls; 0 means unlimited (calls are still observed and paused on 429). */
    public int limit() {
        return limit;
    }

    /** The gated methods in upper case; {@code [*]} means all. Never empty. */
    public Set<String> methods() {
        return methods;
    }

    /** Whether calls with this method are gated; ignores case. */
    public boolean gatesMethod(String method) {
        if (methods.contains(ALL_METHODS)) {
            return true;
        }
        return method != null && methods.contains(method.toUpperCase(Locale.ROOT));
    }

    /** The gated path prefixes; empty means every path. */
    public List<String> paths() {
        return paths;
    }

    /**
     * Whether calls to this path are gated: plain string prefix matching, so {@code /v1/chat} also
     * gates {@code /v1/chat/completions}. A {@code null} or empty path counts as {@code /}.
     */
    public boolean gatesPath(String path) {
        if (paths.isEmpty()) {
            return true;
        }
        String requestPath = path == null || path.isEmpty() ? "/" : path;
        for (String prefix : paths) {
            if (requestPath.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** Watchdog: a slot held longer than this is taken back. Greater than zero. */
    public Duration maxHold() {
        return maxHold;
    }

    /** The longest a call waits for a slot; zero means as long as the caller does. */
    public Duration queueTimeout() {
        return queueTimeout;
    }

    /** Calls that may start per minute (sliding window), for endpoints that enforce it without headers; 0 = off. */
    public int rpm() {
        return rpm;
    }

    /** Tokens calls may use per minute (sliding window), estimated from request sizes until answers tell; 0 = off. */
    public long tpm() {
        return tpm;
    }

    public ProviderConfig withRpm(int rpm) {
        return toBuilder().rpm(rpm).build();
    }

    public ProviderConfig withTpm(long tpm) {
        return toBuilder().tpm(tpm).build();
    }

    /**
     * Overload failures in a row (502, 503, 504, unreachable) that pause the provider's queue until
     * one probe call gets an answer; 0 (the default) turns the breaker off.
     */
    public int breakerFailures() {
        return breakerFailures;
    }

    public ProviderConfig withHosts(List<HostPattern> hosts) {
        return toBuilder().hosts(hosts).build();
    }

    public ProviderConfig withLimit(int limit) {
        return toBuilder().limit(limit).build();
    }

    public ProviderConfig withMethods(Collection<String> methods) {
        return toBuilder().methods(methods).build();
    }

    public ProviderConfig withPaths(Collection<String> paths) {
        return toBuilder().paths(paths).build();
    }

    public ProviderConfig withMaxHold(Duration maxHold) {
        return toBuilder().maxHold(maxHold).build();
    }

    public ProviderConfig withQueueTimeout(Duration queueTimeout) {
        return toBuilder().queueTimeout(queueTimeout).build();
    }

    public ProviderConfig withBreakerFailures(int breakerFailures) {
        return toBuilder().breakerFailures(breakerFailures).build();
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof ProviderConfig)) {
            return false;
        }
        ProviderConfig that = (ProviderConfig) other;
        return limit == that.limit && breakerFailures == that.breakerFailures && id.equals(that.id) && hosts.equals(that.hosts)
                && methods.equals(that.methods) && paths.equals(that.paths)
                && maxHold.equals(that.maxHold) && queueTimeout.equals(that.queueTimeout)
                && rpm == that.rpm && tpm == that.tpm;
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, hosts, limit, methods, paths, maxHold, queueTimeout, rpm, tpm, breakerFailures);
    }

    @Override
    public String toString() {
        return "ProviderConfig{" + id + ", hosts=" + hosts + ", limit=" + limit + ", methods=" + methods
                + ", paths=" + (paths.isEmpty() ? "all" : paths.toString())
                + ", maxHold=" + Durations.format(maxHold) + ", queueTimeout=" + Durations.format(queueTimeout)
                + (rpm > 0 ? ", rpm=" + rpm : "") + (tpm > 0 ? ", tpm=" + tpm : "")
                + (breakerFailures > 0 ? ", breakerFailures=" + breakerFailures : "") + '}';
    }

    /** Checks each value as it is set; {@link #build()} needs at least one host. */
    public static final class Builder {

        private final String id;
        private List<HostPattern> hosts = List.of();
        private int limit;
        private Set<String> methods = Collections.singleton("POST");
        private List<String> paths = List.of();
        private Duration maxHold = DEFAULT_MAX_HOLD;
        private Duration queueTimeout = Duration.ZERO;
        private int rpm;
        private long tpm;
        private int breakerFailures;

        private Builder(String id) {
            this.id = id;
        }

        private Builder(ProviderConfig config) {
            id = config.id;
            hosts = config.hosts;
            limit = config.limit;
            methods = config.methods;
            paths = config.paths;
            maxHold = config.maxHold;
            queueTimeout = config.queueTimeout;
            rpm = config.rpm;
            tpm = config.tpm;
            breakerFailures = config.breakerFailures;
        }

        /** @throws IllegalArgumentException when the list is empty; duplicates are dropped */
        public Builder hosts(List<HostPattern> hosts) {
            Checks.notNull(hosts, "host list");
            if (hosts.isEmpty()) {
                throw Checks.invalid("an empty list", "host list", "one or more of " + HostPattern.EXPECTED);
            }
            Set<HostPattern> distinct = new LinkedHashSet<>();
            for (HostPattern host : hosts) {
                distinct.add(Checks.notNull(host, "host pattern"));
            }
            this.hosts = List.copyOf(distinct);
            return this;
        }

        /** Parses each pattern with {@link HostPattern#parse}. */
        public Builder hosts(String... patterns) {
            List<HostPattern> parsed = new ArrayList<>();
            for (String pattern : patterns) {
                parsed.add(HostPattern.parse(pattern));
            }
            return hosts(parsed);
        }

        public Builder limit(int limit) {
            this.limit = Checks.limit(limit);
            return this;
        }

        /** Methods in any case; {@code *} gates all. */
        public Builder methods(Collection<String> methods) {
            Checks.notNull(methods, "method list");
            if (methods.isEmpty()) {
                throw Checks.invalid("an empty list", "method list", "one or more of " + METHOD_EXPECTED);
            }
            Set<String> checked = new TreeSet<>();
            for (String method : methods) {
                checked.add(checkMethod(method));
            }
            // "*" already says everything; keeping other names beside it would only mislead.
            this.methods = checked.contains(ALL_METHODS)
                    ? Collections.singleton(ALL_METHODS) : Collections.unmodifiableSet(checked);
            return this;
        }

        public Builder methods(String... methods) {
            return methods(Arrays.asList(methods));
        }

        /** Path prefixes, each starting with {@code /}; an empty collection gates every path. */
        public Builder paths(Collection<String> paths) {
            Checks.notNull(paths, "path list");
            Set<String> checked = new LinkedHashSet<>();
            for (String path : paths) {
                checked.add(checkPath(path));
            }
            this.paths = List.copyOf(checked);
            return this;
        }

        public Builder paths(String... paths) {
            return paths(Arrays.asList(paths));
        }

        public Builder maxHold(Duration maxHold) {
            this.maxHold = Checks.positive(maxHold, "max hold", "10m");
            return this;
        }

        public Builder queueTimeout(Duration queueTimeout) {
            this.queueTimeout = Checks.notNegative(queueTimeout, "queue timeout");
            return this;
        }

        /** Calls per minute; 0 = no request budget. */
        public Builder rpm(int rpm) {
            this.rpm = (int) Checks.budget(rpm, "rpm");
            return this;
        }

        /** Tokens per minute; 0 = no token budget. */
        public Builder tpm(long tpm) {
            this.tpm = Checks.budget(tpm, "tpm");
            return this;
        }

        int rpm() {
            return rpm;
        }

        long tpm() {
            return tpm;
        }

        /** 0 turns the overload breaker off. */
        public Builder breakerFailures(int breakerFailures) {
            this.breakerFailures = Checks.breakerFailures(breakerFailures);
            return this;
        }

        String id() {
            return id;
        }

        List<HostPattern> hosts() {
            return hosts;
        }

        int limit() {
            return limit;
        }

        Set<String> methods() {
            return methods;
        }

        List<String> paths() {
            return paths;
        }

        Duration maxHold() {
            return maxHold;
        }

        Duration queueTimeout() {
            return queueTimeout;
        }

        int breakerFailures() {
            return breakerFailures;
        }

        /** @throws IllegalArgumentException when no hosts were given */
        public ProviderConfig build() {
            if (hosts.isEmpty()) {
                throw new IllegalArgumentException("provider " + id + " has no hosts; expected one or more of "
                        + HostPattern.EXPECTED);
            }
            return new ProviderConfig(this);
        }

        private static String checkMethod(String method) {
            String upper = method == null ? "" : method.trim().toUpperCase(Locale.ROOT);
            if (!upper.equals(ALL_METHODS) && !METHOD.matcher(upper).matches()) {
                throw Checks.invalid(Checks.quote(method), "HTTP method", METHOD_EXPECTED);
            }
            return upper;
        }

        private static String checkPath(String path) {
            String trimmed = path == null ? "" : path.trim();
            if (!trimmed.startsWith("/") || trimmed.chars().anyMatch(Character::isWhitespace)) {
                throw Checks.invalid(Checks.quote(path), "path prefix", PATH_EXPECTED);
            }
            return trimmed;
        }
    }
}
