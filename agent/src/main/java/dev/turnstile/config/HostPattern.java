package dev.turnstile.config;

import java.util.Locale;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * One entry of a provider's host list: {@code host}, {@code host:port}, {@code *.domain}, or a bracketed
 * IPv6 literal such as {@code [::1]} or {@code [::1]:8080}.
 *
 * <p>Matching ignores case and a trailing dot. A pattern without a port matches every port.
 * {@code *.example.com} matches every strict subdomain ({@code a.example.com}, {@code a.b.example.com})
 * but not {@code example.com} itself. {@link #toString()} gives the canonical text, which
 * {@link #parse} reads back to an equal pattern.
 */
public final class HostPattern {

    public static final String EXPECTED = "host, host:port, *.domain or [IPv6]:port"
            + " (e.g. api.openai.com, localhost:11434, *.openai.azure.com, [::1]:8080)";

    private static final int ANY_PORT = -1;
    private static final int MAX_NAME_LENGTH = 253;
    private static final int MAX_LABEL_LENGTH = 63;

    private final String host; // lower case; the domain after "*." for a wildcard; IPv6 without brackets
    private final boolean wildcard;
    private final boolean ipv6;
    private final int port;

    private HostPattern(String host, boolean wildcard, boolean ipv6, int port) {
        this.host = host;
        this.wildcard = wildcard;
        this.ipv6 = ipv6;
        this.port = port;
    }

    /**
     * Parses one pattern; surrounding whitespace is ignored.
     *
     * @throws IllegalArgumentException naming the text, what is wrong with it and the accepted forms
     */
    public static HostPattern parse(String text) {
        if (text == null) {
            throw invalid(null, "there is no text");
        }
        String pattern = text.trim().toLowerCase(Locale.ROOT);
        if (pattern.isEmpty()) {
            throw invalid(text, "it is empty");
        }
        if (pattern.indexOf('/') >= 0) {
            throw invalid(text, "give the host only, not a URL or a path");
        }
        if (pattern.startsWith("[")) {
            return parseBracketedIpv6(text, pattern);
        }
        int colon = pattern.indexOf(':');
        if (colon >= 0 && pattern.indexOf(':', colon + 1) >= 0) {
            throw invalid(text, "an IPv6 address needs brackets, as in [::1]:8080");
        }
        int port = colon < 0 ? ANY_PORT : parsePort(text, pattern.substring(colon + 1));
        String hostPart = colon < 0 ? pattern : pattern.substring(0, colon);
        boolean wildcard = hostPart.startsWith("*.");
        String name = wildcard ? hostPart.substring(2) : hostPart;
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        String problem = hostNameProblem(name);
        if (problem != null) {
            throw invalid(text, problem);
        }
        return new HostPattern(name, wildcard, false, port);
    }

    private static HostPattern parseBracketedIpv6(String text, String pattern) {
        int close = pattern.indexOf(']');
        if (close < 0) {
            throw invalid(text, "the IPv6 address has no closing ']'");
        }
        String literal = pattern.substring(1, close);
        String canonical = literal.isEmpty() ? null : Ipv6.canonical(literal);
        if (canonical == null) {
            throw invalid(text, '"' + literal + "\" is not an IPv6 address");
        }
        String rest = pattern.substring(close + 1);
        if (!rest.isEmpty() && !rest.startsWith(":")) {
            throw invalid(text, "only ':port' may follow ']'");
        }
        int port = rest.isEmpty() ? ANY_PORT : parsePort(text, rest.substring(1));
        return new HostPattern(canonical, false, true, port);
    }

    private static int parsePort(String text, String port) {
        boolean digits = !port.isEmpty() && port.length() <= 5 && port.chars().allMatch(c -> c >= '0' && c <= '9');
        int value = digits ? Integer.parseInt(port) : 0;
        if (value < 1 || value > 65535) {
            throw invalid(text, "the port \"" + port + "\" is not a number from 1 to 65535");
        }
        return value;
    }

    /** What is wrong with a host name (lower case, no trailing dot), or {@code null} if nothing. */
    private static String hostNameProblem(String name) {
        if (name.isEmpty()) {
            return "there is no host name";
        }
        if (name.indexOf('*') >= 0) {
            return "'*' may only stand for the whole first label, as in *.example.com";
        }
        if (name.length() > MAX_NAME_LENGTH) {
            return "the host name is longer than " + MAX_NAME_LENGTH + " characters";
        }
        for (String label : name.split("\\.", -1)) {
            if (label.isEmpty()) {
                return "the host name has an empty label (two dots in a row, or a leading dot)";
            }
            if (label.length() > MAX_LABEL_LENGTH) {
                return "the label \"" + label + "\" is longer than " + MAX_LABEL_LENGTH + " characters";
            }
            if (label.startsWith("-") || label.endsWith("-")) {
                return "the label \"" + label + "\" starts or ends with '-'";
            }
            for (int i = 0; i < label.length(); i++) {
                char c = label.charAt(i);
                // '_' is not legal in DNS names but appears in container and compose host names.
                if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) {
                    return "the character '" + c + "' is not allowed in a host name";
                }
            }
        }
        return null;
    }

    private static IllegalArgumentException invalid(String text, String reason) {
        return new IllegalArgumentException(
                Checks.quote(text) + " is not a valid host pattern (" + reason + "); expected " + EXPECTED);
    }

    /**
     * Whether a request to {@code host:port} is covered by this pattern.
     *
     * @param host the request's host as a client reports it: any case, an IPv6 literal with or without
     *     brackets; {@code null} never matches
     * @param port the effective port (443 or 80 when the URL names none); a value the pattern's port
     *     cannot equal, such as -1, matches only patterns without a port
     */
    public boolean matches(String host, int port) {
        if (host == null || (this.port != ANY_PORT && this.port != port)) {
            return false;
        }
        if (ipv6) {
            return matchesIpv6(host);
        }
        int end = host.endsWith(".") ? host.length() - 1 : host.length();
        int length = this.host.length();
        if (!wildcard) {
            return end == length && host.regionMatches(true, 0, this.host, 0, length);
        }
        int dot = end - length - 1;
        return dot > 0 && host.charAt(dot) == '.' && host.regionMatches(true, dot + 1, this.host, 0, length);
    }

    private boolean matchesIpv6(String host) {
        boolean bracketed = host.length() > 2 && host.startsWith("[") && host.endsWith("]");
        String literal = bracketed ? host.substring(1, host.length() - 1) : host;
        return literal.indexOf(':') >= 0 && this.host.equals(Ipv6.canonical(literal));
    }

    /**
     * The canonical text of a request's IPv6 host, with or without its brackets, as an IPv6
     * pattern keeps it ({@link #host()}); null when {@code host} is no IPv6 literal.
     */
    public static String canonicalIpv6(String host) {
        if (host == null || host.indexOf(':') < 0) {
            return null;
        }
        boolean bracketed = host.length() > 2 && host.startsWith("[") && host.endsWith("]");
        return Ipv6.canonical(bracketed ? host.substring(1, host.length() - 1) : host);
    }

    /** The host name, the domain after {@code *.} for a wildcard, or the IPv6 literal without brackets. */
    public String host() {
        return host;
    }

    /** Whether this is a {@code *.domain} pattern. */
    public boolean isWildcard() {
        return wildcard;
    }

    /** The port this pattern is limited to; empty when it matches every port. */
    public OptionalInt port() {
        return port == ANY_PORT ? OptionalInt.empty() : OptionalInt.of(port);
    }

    /**
     * Ranks overlapping patterns so the closest one wins: an exact host over a wildcard, a pattern with a
     * port over one without, a longer domain over a shorter one.
     */
    int specificity() {
        return (wildcard ? 0 : 1_000_000) + (port == ANY_PORT ? 0 : 100_000) + host.length();
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof HostPattern)) {
            return false;
        }
        HostPattern that = (HostPattern) other;
        return wildcard == that.wildcard && ipv6 == that.ipv6 && port == that.port && host.equals(that.host);
    }

    @Override
    public int hashCode() {
        return Objects.hash(host, wildcard, ipv6, port);
    }

    @Override
    public String toString() {
        String name = ipv6 ? '[' + host + ']' : wildcard ? "*." + host : host;
        return port == ANY_PORT ? name : name + ':' + port;
    }
}
