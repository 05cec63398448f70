package dev.turnstile.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the Redis of shared limits is: {@code redis://[user[:password]@]host[:port][/db]}, or
 * {@code rediss://…} for TLS. The password never appears in a message or a {@link #toString()}:
 * they show {@code ***} in its place.
 */
public final class RedisUrl {

    private static final String EXPECTED = "redis://[user[:password]@]host[:port][/db] or rediss://… for TLS";
    private static final int DEFAULT_PORT = 6379;
    /** The user-info part of a URL, wherever the URL is broken otherwise. */
    private static final Pattern USER_INFO = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*://)([^@/]*)@");
    private static final Pattern DATABASE = Pattern.compile("/(\\d{1,5})?");

    private final boolean tls;
    private final String host;
    private final int port;
    private final int database;
    private final Optional<String> user;
    private final Optional<String> password;

    private RedisUrl(boolean tls, String host, int port, int database, Optional<String> user, Optional<String> password) {
        this.tls = tls;
        this.host = host;
        this.port = port;
        this.database = database;
        this.user = user;
        this.password = password;
    }

    /** Empty for a blank value (shared limits off). */
    static Optional<RedisUrl> parseOptional(String raw) {
        String value = raw.trim();
        return value.isEmpty() ? Optional.empty() : Optional.of(parse(value));
    }

    static RedisUrl parse(String raw) {
        String shown = Checks.quote(masked(raw));
        URI uri;
        try {
            uri = new URI(raw);
        } catch (URISyntaxException e) {
            // e's message quotes the input, password and all: only its reason is shown.
            throw Checks.invalid(shown, "Redis URL", EXPECTED + " (" + e.getReason() + ")");
        }
        String scheme = Optional.ofNullable(uri.getScheme()).orElse("");
        if (!scheme.equals("redis") && !scheme.equals("rediss")) {
            throw Checks.invalid(shown, "Redis URL", EXPECTED);
        }
        if (uri.getHost() == null || uri.getQuery() != null || uri.getFragment() != null) {
            throw Checks.invalid(shown, "Redis URL", EXPECTED);
        }
        String path = Optional.ofNullable(uri.getRawPath()).orElse("");
        Matcher db = DATABASE.matcher(path);
        if (!path.isEmpty() && !db.matches()) {
            throw Checks.invalid(shown, "Redis URL", EXPECTED + " (the database is a number)");
        }
        int database = path.isEmpty() || db.group(1) == null ? 0 : Integer.parseInt(db.group(1));
        int port = uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort();
        Optional<String> user = Optional.empty();
        Optional<String> password = Optional.empty();
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            String name = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            user = name.isEmpty() ? Optional.empty() : Optional.of(name);
            password = colon < 0 ? Optional.empty() : Optional.of(decode(userInfo.substring(colon + 1)));
        }
        return new RedisUrl(scheme.equals("rediss"), uri.getHost(), port, database, user, password);
    }

    private static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** The text with the password of its user info, if any, replaced by {@code ***}. */
    static String masked(String raw) {
        Matcher m = USER_INFO.matcher(raw.trim());
        if (!m.find()) {
            return raw.trim();
        }
        String userInfo = m.group(2);
        int colon = userInfo.indexOf(':');
        String shownUserInfo = colon < 0 ? userInfo : userInfo.substring(0, colon) + ":***";
        return m.group(1) + shownUserInfo + "@" + raw.trim().substring(m.end());
    }

    /** True for {@code rediss://}. */
    public boolean tls() {
        return tls;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public int database() {
        return database;
    }

    /** The ACL user; empty for the default user. */
    public Optional<String> user() {
        return user;
    }

    /** The password written in the URL; {@link RedisSettings#password()} says which one is used. */
    Optional<String> password() {
        return password;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof RedisUrl)) {
            return false;
        }
        RedisUrl that = (RedisUrl) o;
        return tls == that.tls && port == that.port && database == that.database && host.equals(that.host)
                && user.equals(that.user) && password.equals(that.password);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tls, host, port, database, user, password);
    }

    /** The URL as a user may see it: the password, if any, as {@code ***}. */
    @Override
    public String toString() {
        return (tls ? "rediss://" : "redis://") + user.map(u -> u + (password.isPresent() ? ":***" : "") + "@")
                .orElse(password.isPresent() ? ":***@" : "")
                + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/" + database;
    }
}
