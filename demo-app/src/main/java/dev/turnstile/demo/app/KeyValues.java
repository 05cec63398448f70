package dev.turnstile.demo.app;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code key=value key=value}: the lines a child demo hands to its parent. */
public final class KeyValues {

    private final Map<String, String> values;

    private KeyValues(Map<String, String> values) {
        this.values = values;
    }

    public static KeyValues parse(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String part : text.trim().split("\\s+")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                values.put(part.substring(0, eq), part.substring(eq + 1));
            }
        }
        return new KeyValues(values);
    }

    public String get(String key) {
        String value = values.get(key);
        if (value == null) {
            throw new IllegalArgumentException("missing '" + key + "' in " + values);
        }
        return value;
    }

    public long getLong(String key) {
        return Long.parseLong(get(key));
    }

    public int getInt(String key) {
        return Integer.parseInt(get(key));
    }

    public double getDouble(String key) {
        return Double.parseDouble(get(key));
    }
}
