package dev.turnstile.http;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads one response header: the first value of the header, its name matched
 * case-insensitively, {@code null} when absent.
 *
 * <p>Each client adapts in one line, for example {@code response::header} (OkHttp) or
 * {@code name -> headers.firstValue(name).orElse(null)} ({@code java.net.http}).
 */
@FunctionalInterface
public interface HeaderLookup {

    /** The first value of header {@code name} (any case), or {@code null} when absent. */
    String get(String name);

    /**
     * A lookup over a snapshot of {@code headers}, names matched case-insensitively. Null names
     * and values are skipped; of two names that differ only in case, the first one iterated wins.
     */
    static HeaderLookup of(Map<String, String> headers) {
        Map<String, String> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Map.Entry<String, String> e : headers.entrySet()) {
            if (e.getKey() != null && e.getValue() != null) {
                byName.putIfAbsent(e.getKey(), e.getValue());
            }
        }
        return name -> name == null ? null : byName.get(name);
    }

    /**
     * Like {@link #of(Map)} for multi-valued maps, taking each header's first non-null value.
     * Suits {@code HttpURLConnection.getHeaderFields()}, whose status line has a null key.
     */
    static HeaderLookup ofLists(Map<String, ? extends List<String>> headers) {
        Map<String, String> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Map.Entry<String, ? extends List<String>> e : headers.entrySet()) {
            if (e.getKey() == null || e.getValue() == null) {
                continue;
            }
            for (String value : e.getValue()) {
                if (value != null) {
                    byName.putIfAbsent(e.getKey(), value);
                    break;
                }
            }
        }
        return name -> name == null ? null : byName.get(name);
    }
}
