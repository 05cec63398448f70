package dev.turnstile.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** How keys are spelled: the {@code turnstile.} prefix, the environment form, and hints for typos. */
final class ConfigKeys {

    static final String PREFIX = "turnstile.";
    static final String PROVIDERS_PREFIX = PREFIX + "providers.";

    private static final KeySuggestions.Spelling DOTTED = new KeySuggestions.Spelling('.', "providers",
            shortNames(), propertyNames());

    private ConfigKeys() {
    }

    /** Adds the {@code turnstile.} prefix where agent arguments and the properties file left it out. */
    static String withPrefix(String key) {
        return key.startsWith(PREFIX) ? key : PREFIX + key;
    }

    /** {@code turnstile.providers.azure-openai.max-hold} → {@code TURNSTILE_PROVIDERS_AZURE_OPENAI_MAX_HOLD}. */
    static String environmentName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** The known key closest to an unknown {@code turnstile.…} key. */
    static String nearestKnownKey(String unknownKey) {
        String rest = unknownKey.startsWith(PREFIX) ? unknownKey.substring(PREFIX.length()) : unknownKey;
        return PREFIX + KeySuggestions.nearest(rest, DOTTED);
    }

    private static List<String> shortNames() {
        List<String> names = new ArrayList<>();
        for (TopLevelKey key : TopLevelKey.values()) {
            names.add(key.shortName());
        }
        return names;
    }

    private static List<String> propertyNames() {
        List<String> names = new ArrayList<>();
        for (ProviderKey property : ProviderKey.values()) {
            names.add(property.propertyName());
        }
        return names;
    }
}
