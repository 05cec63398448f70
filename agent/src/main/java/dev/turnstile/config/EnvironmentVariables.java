package dev.turnstile.config;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads {@code TURNSTILE_*} environment variables. The environment spelling loses the difference
 * between {@code .}, {@code -} and {@code _}, so names are mapped back by the shapes of the known keys:
 * a top-level name directly, and {@code TURNSTILE_PROVIDERS_<ID>_<PROPERTY>} by its property suffix,
 * the id being what lies between, lower case with {@code _} read as {@code -}.
 */
final class EnvironmentVariables {

    static final String PREFIX = "TURNSTILE_";

    private static final String PROVIDERS_PREFIX = PREFIX + "PROVIDERS_";
    private static final Map<String, String> TOP_LEVEL_KEYS = topLevelKeys();

    private EnvironmentVariables() {
    }

    /** The settings found in the environment, by dotted key; an unknown {@code TURNSTILE_} name is a problem. */
    static Map<String, String> settings(Map<String, String> environment, List<String> problems) {
        Map<String, String> settings = new LinkedHashMap<>();
        for (Map.Entry<String, String> variable : new TreeMap<>(environment).entrySet()) {
            String name = variable.getKey();
            if (!name.startsWith(PREFIX) || variable.getValue() == null) {
                continue;
            }
            String key = keyFor(name);
            if (key == null) {
                problems.add(name + ": unknown environment variable, ignored; did you mean "
                        + KeySuggestions.nearestKnownVariable(name) + "?");
            } else {
                settings.put(key, variable.getValue().trim());
            }
        }
        return settings;
    }

    /** {@code turnstile.providers.azure-openai.max-hold} → {@code TURNSTILE_PROVIDERS_AZURE_OPENAI_MAX_HOLD}. */
    static String nameOf(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** The dotted key a variable stands for, or {@code null} when it has no known shape. */
    static String keyFor(String name) {
        String topLevel = TOP_LEVEL_KEYS.get(name);
        if (topLevel != null || !name.startsWith(PROVIDERS_PREFIX)) {
            return topLevel;
        }
        String idAndProperty = name.substring(PROVIDERS_PREFIX.length());
        for (ProviderKey property : ProviderKey.values()) {
            String suffix = '_' + property.name();
            int idLength = idAndProperty.length() - suffix.length();
            if (idLength > 0 && idAndProperty.endsWith(suffix)) {
                String id = idAndProperty.substring(0, idLength).toLowerCase(Locale.ROOT).replace('_', '-');
                return property.keyFor(id);
            }
        }
        return null;
    }

    private static Map<String, String> topLevelKeys() {
        Map<String, String> keys = new HashMap<>();
        for (TopLevelKey key : TopLevelKey.values()) {
            keys.put(key.environmentName(), key.key());
        }
        return keys;
    }
}
