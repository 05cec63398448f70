package dev.turnstile.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the provider list from the presets and the per-provider settings. A preset's keys override the
 * preset; without presets, or for a new id, a provider needs hosts or it is left out (one problem).
 */
final class ProviderAssembler {

    private ProviderAssembler() {
    }

    static List<ProviderConfig> assemble(Map<String, Map<ProviderKey, String>> settingsById, boolean presets,
            List<String> problems) {
        Map<String, ProviderConfig> providers = new LinkedHashMap<>();
        if (presets) {
            for (ProviderConfig preset : Presets.all()) {
                providers.put(preset.id(), preset);
            }
        }
        for (Map.Entry<String, Map<ProviderKey, String>> entry : settingsById.entrySet()) {
            String id = entry.getKey();
            Optional<ProviderConfig> preset = presets ? Presets.get(id) : Optional.empty();
            assemble(id, preset, entry.getValue(), problems).ifPresent(provider -> providers.put(id, provider));
        }
        return new ArrayList<>(providers.values());
    }

    private static Optional<ProviderConfig> assemble(String id, Optional<ProviderConfig> preset,
            Map<ProviderKey, String> settings, List<String> problems) {
        ProviderConfig.Builder builder = preset.isPresent() ? preset.get().toBuilder() : ProviderConfig.builder(id);
        boolean hasHosts = preset.isPresent();
        boolean leftOutReported = false;
        for (Map.Entry<ProviderKey, String> setting : settings.entrySet()) { // EnumMap: hosts first
            ProviderKey property = setting.getKey();
            String kept = property.currentText(builder);
            try {
                property.apply(builder, setting.getValue());
                hasHosts |= property == ProviderKey.HOSTS;
            } catch (IllegalArgumentException e) {
                boolean leftOut = property == ProviderKey.HOSTS && !hasHosts;
                leftOutReported |= leftOut;
                problems.add(property.keyFor(id) + ": " + e.getMessage() + "; "
                        + (leftOut ? "provider " + id + " left out" : "keeping " + kept)
                        + KeySuggestions.separatorHint(setting.getValue()));
            }
        }
        if (!hasHosts) {
            if (!leftOutReported) {
                problems.add(missingHosts(id));
            }
            return Optional.empty();
        }
        return Optional.of(builder.build());
    }

    private static String missingHosts(String id) {
        String why = Presets.isPreset(id) ? " (presets are off, so the built-in hosts of " + id + " are not used)" : "";
        String text = ProviderKey.HOSTS.keyFor(id) + ": missing" + why + "; expected a comma list of "
                + HostPattern.EXPECTED + "; provider " + id + " left out";
        String preset = Presets.isPreset(id) ? null : KeySuggestions.nearPresetId(id);
        return preset == null ? text : text + "; did you mean the built-in provider " + preset + "?";
    }
}
