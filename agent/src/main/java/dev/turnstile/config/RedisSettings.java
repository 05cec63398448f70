package dev.turnstile.config;

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

    RedisSettings(RedisUrl url, Optional<String> passwordKey, String namespace) {
        this.url = Objects.requireNonNull(url);
        // turnstile.redis.password wins over a password in the URL: the URL may then sit in a
        // shared file and the secret come from the environment.
        this.password = passwordKey.isPresent() ? passwordKey : url.password();
        this.namespace = namespace;
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

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof RedisSettings)) {
            return false;
        }
        RedisSettings that = (RedisSettings) o;
        return url.equals(that.url) && password.equals(that.password) && namespace.equals(that.namespace);
    }

    @Override
    public int hashCode() {
        return Objects.hash(url, password, namespace);
    }

    @Override
    public String toString() {
        return "redis " + url + (password.isPresent() ? " (password set)" : "") + " namespace " + namespace;
    }
}
