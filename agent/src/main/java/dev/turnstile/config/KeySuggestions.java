package dev.turnstile.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the known key nearest (by edit distance) to a mistyped one, in either spelling: dotted
 * ({@code turnstile.global.limit}) or environment ({@code TURNSTILE_GLOBAL_LIMIT}). A provider key is
 * compared part by part, so {@code providers.openai.limt} suggests {@code providers.openai.limit}
 * whatever the id.
 */
final class KeySuggestions {

    /** One spelling of the known keys, without the {@code turnstile.} / {@code TURNSTILE_} prefix. */
    private static final class Spelling {
        final char separator;
        final String providersSection;
        final List<String> topLevelNames;
        final List<String> propertyNames;

        Spelling(char separator, String providersSection, List<String> topLevelNames, List<String> propertyNames) {
            this.separator = separator;
            this.providersSection = providersSection;
            this.topLevelNames = List.copyOf(topLevelNames);
            this.propertyNames = List.copyOf(propertyNames);
        }
    }

    private static final Spelling DOTTED = new Spelling('.', "providers", topLevelNames(false), propertyNames(false));
    private static final Spelling ENVIRONMENT = new Spelling('_', "PROVIDERS", topLevelNames(true), propertyNames(true));

    private KeySuggestions() {
    }

    /** The known key closest to an unknown {@code turnstile.…} key. */
    static String nearestKnownKey(String unknownKey) {
        String rest = unknownKey.startsWith(KeyPrefix.TURNSTILE)
                ? unknownKey.substring(KeyPrefix.TURNSTILE.length()) : unknownKey;
        return KeyPrefix.TURNSTILE + nearest(rest, DOTTED);
    }

    /** The known variable closest to an unknown {@code TURNSTILE_…} environment variable. */
    static String nearestKnownVariable(String unknownName) {
        String rest = unknownName.startsWith(EnvironmentVariables.PREFIX)
                ? unknownName.substring(EnvironmentVariables.PREFIX.length()) : unknownName;
        return EnvironmentVariables.PREFIX + nearest(rest, ENVIRONMENT);
    }

    /**
     * A built-in provider id within two edits of {@code id} ({@code opnai} for {@code openai}), or
     * null: a new id is legitimate, so only a near miss of a preset is worth a question.
     */
    static String nearPresetId(String id) {
        String best = null;
        int bestDistance = 3;
        for (String preset : Presets.ids()) {
            int distance = distance(id, preset);
            if (distance > 0 && distance < bestDistance) {
                best = preset;
                bestDistance = distance;
            }
        }
        return best;
    }

    /** A value that holds another setting after a comma ({@code 4,global.limit=6}). */
    private static final java.util.regex.Pattern ANOTHER_SETTING =
            java.util.regex.Pattern.compile(".*,\\s*[A-Za-z][A-Za-z0-9_.-]*\\s*=.*", java.util.regex.Pattern.DOTALL);

    /**
     * What to add to the report of a value that looks like two settings joined by a comma, where
     * the agent arguments separate settings with {@code ;}; empty otherwise.
     */
    static String separatorHint(String value) {
        return value != null && ANOTHER_SETTING.matcher(value).matches()
                ? " (settings are separated by ';', not ',': \"limit=4;global.limit=6\")" : "";
    }

    /** The known key (without prefix) nearest to {@code typed} (without prefix). */
    private static String nearest(String typed, Spelling spelling) {
        List<String> candidates = new ArrayList<>(spelling.topLevelNames);
        candidates.addAll(providerCandidates(typed, spelling));
        return nearest(typed, candidates);
    }

    /**
     * Reads {@code typed} as {@code <section><sep><id><sep><property>} at every possible split, since ids
     * may contain the separator in the environment spelling, and offers the nearest property for each.
     */
    private static List<String> providerCandidates(String typed, Spelling spelling) {
        List<String> candidates = new ArrayList<>();
        char sep = spelling.separator;
        int sectionEnd = typed.indexOf(sep);
        if (sectionEnd <= 0) {
            return candidates;
        }
        String idAndProperty = typed.substring(sectionEnd + 1);
        String section = spelling.providersSection + sep;
        for (int i = 1; i < idAndProperty.length() - 1; i++) {
            if (idAndProperty.charAt(i) == sep) {
                String property = nearest(idAndProperty.substring(i + 1), spelling.propertyNames);
                candidates.add(section + idAndProperty.substring(0, i) + sep + property);
            }
        }
        if (candidates.isEmpty() && !idAndProperty.isEmpty()) {
            // Only an id was given: every provider needs its hosts first.
            candidates.add(section + idAndProperty + sep + spelling.propertyNames.get(0));
        }
        return candidates;
    }

    /** The candidate with the smallest edit distance; the first of equals. */
    private static String nearest(String typed, List<String> candidates) {
        String best = candidates.get(0);
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int distance = distance(typed, candidate);
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best;
    }

    private static List<String> topLevelNames(boolean environment) {
        List<String> names = new ArrayList<>();
        for (TopLevelKey key : TopLevelKey.values()) {
            names.add(environment ? key.environmentName().substring(EnvironmentVariables.PREFIX.length()) : key.shortName());
        }
        return names;
    }

    /** Dotted {@code max-hold}; in the environment the constant's name, {@code MAX_HOLD}. */
    private static List<String> propertyNames(boolean environment) {
        List<String> names = new ArrayList<>();
        for (ProviderKey property : ProviderKey.values()) {
            names.add(environment ? property.name() : property.propertyName());
        }
        return names;
    }

    /** Levenshtein distance, ignoring case so that the two spellings compare alike. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            char ca = Character.toLowerCase(a.charAt(i - 1));
            for (int j = 1; j <= b.length(); j++) {
                int substitution = ca == Character.toLowerCase(b.charAt(j - 1)) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + substitution);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
