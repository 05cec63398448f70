package dev.turnstile.config;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Builds a {@link TurnstileConfig} from the merged settings (dotted key → raw text). Each key is read
 * once: a bad value keeps the default and adds exactly one problem; an unknown key adds one problem
 * naming the nearest known key.
 */
final class ConfigAssembler {

    private ConfigAssembler() {
    }

    static TurnstileConfig assemble(Map<String, String> settings, List<String> problems) {
        ConfigDraft draft = new ConfigDraft();
        Map<String, Map<ProviderKey, String>> providerSettings = new TreeMap<>();
        for (Map.Entry<String, String> setting : new TreeMap<>(settings).entrySet()) {
            String key = setting.getKey();
            String raw = setting.getValue();
            Optional<TopLevelKey> topLevel = TopLevelKey.forKey(key);
            if (topLevel.isPresent()) {
                applyTopLevel(topLevel.get(), raw, draft, problems);
            } else if (!collectProviderSetting(key, raw, providerSettings, problems)) {
                problems.add(key + ": unknown key, ignored; did you mean " + KeySuggestions.nearestKnownKey(key) + "?"
                        + KeySuggestions.separatorHint(raw));
            }
        }
        BackoffConfig backoff = backoff(draft.backoff, problems);
        List<ProviderConfig> providers = ProviderAssembler.assemble(providerSettings, draft.config.presets(), problems);
        return draft.config.backoff(backoff).providers(providers).build();
    }

    private static void applyTopLevel(TopLevelKey key, String raw, ConfigDraft draft, List<String> problems) {
        String kept = key.currentText(draft);
        try {
            key.apply(draft, raw);
        } catch (IllegalArgumentException e) {
            problems.add(key.key() + ": " + e.getMessage() + "; keeping " + kept + KeySuggestions.separatorHint(raw));
        }
    }

    /**
     * Files {@code turnstile.providers.<id>.<property>} under its id. Returns false when the key does not
     * have that shape, so the caller reports it as unknown.
     */
    private static boolean collectProviderSetting(String key, String raw,
            Map<String, Map<ProviderKey, String>> providerSettings, List<String> problems) {
        if (!key.startsWith(KeyPrefix.PROVIDERS)) {
            return false;
        }
        String idAndProperty = key.substring(KeyPrefix.PROVIDERS.length());
        int dot = idAndProperty.lastIndexOf('.');
        Optional<ProviderKey> property = dot <= 0
                ? Optional.empty() : ProviderKey.forPropertyName(idAndProperty.substring(dot + 1));
        if (property.isEmpty()) {
            return false;
        }
        String id = idAndProperty.substring(0, dot);
        if (!ProviderConfig.isValidId(id)) {
            problems.add(key + ": " + Checks.quote(id) + " is not a valid provider id; expected "
                    + ProviderConfig.ID_EXPECTED + "; ignored");
            return true;
        }
        providerSettings.computeIfAbsent(id, unused -> new EnumMap<>(ProviderKey.class)).put(property.get(), raw);
        return true;
    }

    /** Each backoff value was checked alone; here the pair: an initial pause above the maximum makes no sense. */
    private static BackoffConfig backoff(BackoffConfig.Builder backoff, List<String> problems) {
        if (backoff.initial().compareTo(backoff.max()) > 0) {
            BackoffConfig defaults = BackoffConfig.defaults();
            problems.add(TopLevelKey.BACKOFF_INITIAL.key() + ": " + Durations.format(backoff.initial())
                    + " is greater than " + TopLevelKey.BACKOFF_MAX.key() + " " + Durations.format(backoff.max())
                    + "; expected initial ≤ max; keeping the defaults " + Durations.format(defaults.initial())
                    + " and " + Durations.format(defaults.max()));
            backoff.initial(defaults.initial()).max(defaults.max());
        }
        return backoff.build();
    }
}
