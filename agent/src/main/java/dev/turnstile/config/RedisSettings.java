package dev.turnstile.config;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Shared limits through Redis ({@code turnstile.redis.*}): where Redis is, the password, and the
 * namespace that replicas sharing one provider account share. Present only when
 * {@code turnstile.redis.url} is set; without it nothing Redis-related is loaded. The password
 * never appears in {@link #toString()}.
 */
public final class RedisSettings {

    /** The namespace of replicas that set none. */
    public static final String DEFAULT_NAMESPACE = "default";
    /** Safe inside a Redis key and its hash tag ({@code ts:{ns}:…}): no braces, colons or spaces. */
    private static final Pattern NAMESPACE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final RedisUrl url;
    private final Optional<String> password;
    private final String namespace;
    private final Timings timings;

    /**
     * How long one round trip may take before the JVM counts its local share ({@code
     * turnstile.redis.timeout}), how long a JVM's lease lasts ({@code .lease}; the heartbeat beats
     * ten times per lease) and how many JVMs one that never reached Redis assumes for its local
     * share ({@code .expected-instances}).
     */
    public static final class Timings {

        public static final Timings DEFAULTS = new Timings(Duration.ofMillis(250), Duration.ofSeconds(10), 1);
        static final String EXPECTED_INSTANCES_EXPECTED = "a whole number ≥ 1 (the JVMs sharing the limits)";
        private static final Duration LONGEST_TIMEOUT = Duration.ofMinutes(1);
        private static final Duration SHORTEST_LEASE = Duration.ofMillis(100);
        private static final Duration LONGEST_LEASE = Duration.ofHours(1);

        private final Duration timeout;
        private final Duration lease;
        private final int expectedInstances;

        Timings(Duration timeout, Duration lease, int expectedInstances) {
            this.timeout = timeout;
            this.lease = lease;
            this.expectedInstances = expectedInstances;
        }

        /** Every call may wait this long on Redis: at least 1 ms, at most a minute. {@code shown}: the value as written. */
        static Duration timeout(Duration value, String shown) {
            if (value.toMillis() < 1 || value.compareTo(LONGEST_TIMEOUT) > 0) {
                throw Checks.invalid(shown, "Redis timeout",
                        "a duration from 1ms to 1m, the longest a call may wait on one Redis round trip, such as 250ms");
            }
            return value;
        }

        static Duration lease(Duration value, String shown) {
            if (value.compareTo(SHORTEST_LEASE) < 0 || value.compareTo(LONGEST_LEASE) > 0) {
                throw Checks.invalid(shown, "Redis lease",
                        "a duration from 100ms to 1h (a JVM renews it ten times per lease), such as 10s");
            }
            return value;
        }

        static int expectedInstances(int value, String shown) {
            if (value < 1) {
                throw Checks.invalid(shown, "number of expected instances", EXPECTED_INSTANCES_EXPECTED);
            }
            return value;
        }

        public Duration timeout() {
            return timeout;
        }

        public Duration lease() {
            return lease;
        }

        public int expectedInstances() {
            return expectedInstances;
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Timings)) {
                return false;
            }
            Timings that = (Timings) o;
            return timeout.equals(that.timeout) && lease.equals(that.lease) && expectedInstances == that.expectedInstances;
        }

        @Override
        public int hashCode() {
            return Objects.hash(timeout, lease, expectedInstances);
        }

        @Override
        public String toString() {
            return "timeout " + Durations.format(timeout) + ", lease " + Durations.format(lease)
                    + ", expected instances " + expectedInstances;
        }
    }

    RedisSettings(RedisUrl url, Optional<String> passwordKey, String namespace, Timings timings) {
        this.url = Objects.requireNonNull(url);
        // turnstile.redis.password wins over a password in the URL: the URL may then sit in a
        // shared file and the secret come from the environment.
        this.password = passwordKey.isPresent() ? passwordKey : url.password();
        this.namespace = namespace;
        this.timings = Objects.requireNonNull(timings);
    }

    static String namespace(String raw) {
        String value = raw.trim();
        if (!NAMESPACE.matcher(value).matches()) {
            throw Checks.invalid(Checks.quote(raw), "Redis namespace",
                    "1 to 64 letters, digits, '.', '_' or '-' (replicas sharing a provider account share one)");
        }
        return value;
    }

    public RedisUrl url() {
        return url;
    }

    /** From {@code turnstile.redis.password} if set, else from the URL; empty for none. Never log it. */
    public Optional<String> password() {
        return password;
    }

    public String namespace() {
        return namespace;
    }

    public Timings timings() {
        return timings;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof RedisSettings)) {
            return false;
        }
        RedisSettings that = (RedisSettings) o;
        return url.equals(that.url) && password.equals(that.password) && namespace.equals(that.namespace)
                && timings.equals(that.timings);
    }

    @Override
    public int hashCode() {
        return Objects.hash(url, password, namespace, timings);
    }

    @Override
    public String toString() {
        return "redis " + url + (password.isPresent() ? " (password set)" : "") + " namespace " + namespace + " (" + timings + ")";
    }
}
