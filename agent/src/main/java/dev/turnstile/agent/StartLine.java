package dev.turnstile.agent;

import dev.turnstile.config.ProviderConfig;
import dev.turnstile.config.TurnstileConfig;

import java.util.ArrayList;
import java.util.List;

/**
 * The words of the agent's one start-up line after "Turnstile x.y started": which limits are set,
 * how many providers are only watched, and whether the configuration had problems (they were
 * logged just before, one warning each).
 */
final class StartLine {

    private StartLine() {
    }

    /**
     * For example {@code ": limits openai=4, global 6; 13 more providers unlimited (counted, paused on 429)"}, or
     * {@code " with 2 configuration problems (see the warnings above): no limits set; 14 providers unlimited (counted, paused on 429)"}.
     */
    static String describe(TurnstileConfig config, int problems) {
        List<String> limited = new ArrayList<>();
        int unlimited = 0;
        for (ProviderConfig provider : config.providers().values()) {
            if (provider.limit() > 0) {
                limited.add(provider.id() + "=" + provider.limit());
            } else {
                unlimited++;
            }
        }
        if (config.globalLimit() > 0) {
            limited.add("global " + config.globalLimit());
        }
        StringBuilder text = new StringBuilder();
        if (problems > 0) {
            text.append(" with ").append(count(problems, "configuration problem")).append(" (see the warnings above)");
        }
        text.append(": ").append(limited.isEmpty() ? "no limits set" : "limits " + String.join(", ", limited));
        if (unlimited > 0) {
            text.append("; ").append(count(unlimited, limited.isEmpty() || onlyGlobal(limited) ? "provider" : "more provider"))
                    .append(" unlimited (counted, paused on 429)");
        }
        return text.toString();
    }

    private static boolean onlyGlobal(List<String> limited) {
        return limited.size() == 1 && limited.get(0).startsWith("global ");
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
