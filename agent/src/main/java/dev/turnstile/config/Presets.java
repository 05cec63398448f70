package dev.turnstile.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The built-in providers registered while {@code turnstile.presets} is true: the public hosts of the
 * common LLM APIs, each with limit 0 (observed and paused on 429, never queued) and otherwise the
 * {@link ProviderConfig} defaults. Any of their keys can be overridden, e.g.
 * {@code turnstile.providers.openai.limit=4}.
 */
public final class Presets {

    private static final Map<String, ProviderConfig> BY_ID = build(
            "openai", "api.openai.com",
            "anthropic", "api.anthropic.com",
            "gemini", "generativelanguage.googleapis.com",
            "mistral", "api.mistral.ai",
            "groq", "api.groq.com",
            "deepseek", "api.deepseek.com",
            "xai", "api.x.ai",
            "openrouter", "openrouter.ai",
            "together", "api.together.xyz,api.together.ai",
            "fireworks", "api.fireworks.ai",
            "cohere", "api.cohere.com,api.cohere.ai",
            "perplexity", "api.perplexity.ai",
            "azure-openai", "*.openai.azure.com",
            "ollama", "localhost:11434");

    private static final List<ProviderConfig> ALL = List.copyOf(BY_ID.values());
    private static final List<String> IDS = List.copyOf(BY_ID.keySet());

    private Presets() {
    }

    private static Map<String, ProviderConfig> build(String... idsAndHosts) {
        Map<String, ProviderConfig> byId = new LinkedHashMap<>();
        for (int i = 0; i < idsAndHosts.length; i += 2) {
            String id = idsAndHosts[i];
            byId.put(id, ProviderConfig.builder(id).hosts(idsAndHosts[i + 1].split(",")).build());
        }
        return Collections.unmodifiableMap(byId);
    }

    /** All presets in their fixed order. */
    public static List<ProviderConfig> all() {
        return ALL;
    }

    /** The preset ids in their fixed order. */
    public static List<String> ids() {
        return IDS;
    }

    public static Optional<ProviderConfig> get(String id) {
        return Optional.ofNullable(BY_ID.get(id));
    }

    public static boolean isPreset(String id) {
        return BY_ID.containsKey(id);
    }

    /** The position of a preset in the fixed order, or -1 for other ids. */
    static int indexOf(String id) {
        return IDS.indexOf(id);
    }
}
