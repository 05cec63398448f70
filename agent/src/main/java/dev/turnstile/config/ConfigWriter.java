package dev.turnstile.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Writes a configuration back as properties (for {@code turnstile.persist}): only what differs from the
 * defaults and the presets, so the file stays short and keeps following new defaults. Loading the
 * result gives back an equal configuration, with one exception: when presets are on but some were
 * removed, the text says {@code presets=false} and lists every provider in full.
 * {@code turnstile.config} itself is never written.
 */
public final class ConfigWriter {

    private ConfigWriter() {
    }

    /** The settings, by full key, top-level keys first, then providers in {@link TurnstileConfig#providers()} order. */
    public static Map<String, String> toProperties(TurnstileConfig config) {
        Map<String, String> properties = new LinkedHashMap<>();
        boolean presetsComplete = config.providers().keySet().containsAll(Presets.ids());
        ConfigDraft current = new ConfigDraft(config);
        ConfigDraft defaults = new ConfigDraft();
        for (TopLevelKey key : TopLevelKey.values()) {
            String text = key.currentText(current);
            if (key != TopLevelKey.CONFIG && !key.userOnly() && !text.equals(key.currentText(defaults))) {
                properties.put(key.key(), text);
            }
        }
        boolean presets = config.presets() && presetsComplete;
        if (config.presets() && !presets) {
            properties.put(TopLevelKey.PRESETS.key(), "false");
        }
        for (ProviderConfig provider : config.providers().values()) {
            Optional<ProviderConfig> preset = presets ? Presets.get(provider.id()) : Optional.empty();
            putProvider(provider, preset, properties);
        }
        return properties;
    }

    /**
     * True for the full keys this writer manages: every known key but {@code turnstile.config}
     * and {@code turnstile.persist}, which say where and whether to write, not what, and the
     * {@code turnstile.redis.*} keys, which the user writes and runtime never changes (so a Redis
     * password is never copied into a file).
     */
    public static boolean manages(String key) {
        if (key.startsWith(KeyPrefix.PROVIDERS)) {
            int dot = key.lastIndexOf('.');
            return dot > KeyPrefix.PROVIDERS.length() && ProviderKey.forPropertyName(key.substring(dot + 1)).isPresent();
        }
        return TopLevelKey.forKey(key).filter(k -> k != TopLevelKey.CONFIG && k != TopLevelKey.PERSIST && !k.userOnly()).isPresent();
    }

    /** {@link #toProperties} as the text of a properties file, with a heading comment. */
    public static String toText(TurnstileConfig config) {
        StringBuilder text = new StringBuilder("# Turnstile configuration: only the values that differ from the defaults.\n");
        for (Map.Entry<String, String> property : toProperties(config).entrySet()) {
            text.append(property.getKey()).append('=').append(escape(property.getValue())).append('\n');
        }
        return text.toString();
    }

    private static void putProvider(ProviderConfig provider, Optional<ProviderConfig> preset,
            Map<String, String> properties) {
        ProviderConfig.Builder current = provider.toBuilder();
        ProviderConfig.Builder base = preset.isPresent()
                ? preset.get().toBuilder() : ProviderConfig.builder(provider.id());
        for (ProviderKey property : ProviderKey.values()) {
            String text = textOf(property, current);
            if (!text.equals(textOf(property, base))) {
                properties.put(property.keyFor(provider.id()), text);
            }
        }
    }

    private static String textOf(ProviderKey property, ProviderConfig.Builder builder) {
        // The message text "all paths" is for people; the loader reads an all-paths value as "*".
        return property == ProviderKey.PATHS && builder.paths().isEmpty() ? "*" : property.currentText(builder);
    }

    /** Escapes what {@link java.util.Properties#load} would otherwise read differently. */
    private static String escape(String value) {
        StringBuilder escaped = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\') {
                escaped.append("\\\\");
            } else if (c == '\n') {
                escaped.append("\\n");
            } else if (c == '\r') {
                escaped.append("\\r");
            } else if (c > '~' || c < ' ') {
                escaped.append(String.format("\\u%04x", (int) c));
            } else {
                escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
