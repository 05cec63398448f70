package dev.turnstile.http;

import dev.turnstile.config.HostPattern;
import dev.turnstile.config.ProviderConfig;
import dev.turnstile.config.TurnstileConfig;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the provider of a host. Most calls go elsewhere, so the common answer, "not a provider",
 * costs one hash lookup (plus an {@code endsWith} per wildcard); only a likely hit asks the
 * configuration's full matching rules, once per host: its answer is kept for the next call to
 * that host and port, so a gated call does not walk every provider's patterns again. Rebuilt
 * (its answers forgotten) when the providers change.
 */
final class HostRouter {

    private final TurnstileConfig config;
    private final Set<String> exactHosts = new HashSet<>();
    /** The same hosts as an array, for {@link #mayRoute(String, int, int)}, which compares in place. */
    private final String[] exactHostArray;
    private final List<String> wildcardSuffixes = new ArrayList<>();
    /** The last answer per candidate host; bounded, since a wildcard admits any number of hosts. */
    private final ConcurrentHashMap<String, Route> routes = new ConcurrentHashMap<>();

    HostRouter(TurnstileConfig config) {
        this.config = config;
        for (ProviderConfig provider : config.providers().values()) {
            for (HostPattern pattern : provider.hosts()) {
                if (pattern.isWildcard()) {
                    wildcardSuffixes.add("." + pattern.host());
                } else {
                    exactHosts.add(pattern.host());
                }
            }
        }
        exactHostArray = exactHosts.toArray(new String[0]);
    }

    /** The provider for {@code host:port}, or null. {@code port} is the effective port (443, not -1). */
    ProviderConfig route(String host, int port) {
        String candidate = candidate(host);
        if (candidate == null) {
            return null;
        }
        Route known = routes.get(candidate);
        if (known != null && known.port == port) {
            return known.provider;
        }
        ProviderConfig provider = config.providerFor(candidate, port).orElse(null);
        if (routes.size() < MAX_ROUTES) {
            routes.put(candidate, new Route(port, provider));
        }
        return provider;
    }

    /** False when no port of {@code host} is any provider's: the hash lookup alone, nothing allocated. */
    boolean mayRoute(String host) {
        return candidate(host) != null;
    }

    /**
     * {@link #mayRoute} of {@code text.substring(start, end)} without making it: the exact hosts
     * and the wildcards' suffixes compared in place, whatever the case (an IPv6 literal, rare,
     * takes the substring).
     */
    boolean mayRoute(String text, int start, int end) {
        int length = end - start;
        if (length <= 0) {
            return false;
        }
        int colon = text.indexOf(':', start);
        if (colon >= 0 && colon < end) {
            return mayRoute(text.substring(start, end));
        }
        for (String host : exactHostArray) {
            if (host.length() == length && text.regionMatches(true, start, host, 0, length)) {
                return true;
            }
        }
        for (int i = 0; i < wildcardSuffixes.size(); i++) {
            String suffix = wildcardSuffixes.get(i);
            if (length >= suffix.length() && text.regionMatches(true, end - suffix.length(), suffix, 0, suffix.length())) {
                return true;
            }
        }
        return false;
    }

    /** The host as the providers' patterns spell it (lower case) when one of them may match it, else null. */
    private String candidate(String host) {
        if (host == null || host.isEmpty()) {
            return null;
        }
        if (maybeProvider(host)) {
            return host;
        }
        if (host.indexOf(':') >= 0) { // an IPv6 literal, as the patterns keep it: no brackets, canonical
            String literal = HostPattern.canonicalIpv6(host);
            return literal != null && exactHosts.contains(literal) ? literal : null;
        }
        String lower = host.toLowerCase(Locale.ROOT); // no copy when it is lower case already
        return !lower.equals(host) && maybeProvider(lower) ? lower : null;
    }

    private static final int MAX_ROUTES = 256;

    /** The provider of a host at one port (null: none); most hosts are called at one port. */
    private static final class Route {
        final int port;
        final ProviderConfig provider;

        Route(int port, ProviderConfig provider) {
            this.port = port;
            this.provider = provider;
        }
    }

    private boolean maybeProvider(String host) {
        if (exactHosts.contains(host)) {
            return true;
        }
        for (int i = 0; i < wildcardSuffixes.size(); i++) {
            if (host.endsWith(wildcardSuffixes.get(i))) {
                return true;
            }
        }
        return false;
    }
}
