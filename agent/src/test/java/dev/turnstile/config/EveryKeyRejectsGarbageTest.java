package dev.turnstile.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Walks every key the loader knows ({@link TopLevelKey} and {@link ProviderKey}, so a new key without
 * garbage below fails {@link #everyKnownKeyHasGarbageToTry}) and feeds it values of the wrong shape from
 * each source: exactly one problem naming the key, the value and what was expected; the key keeps its
 * default; the good keys beside it still apply.
 */
class EveryKeyRejectsGarbageTest {

    private static final String PROVIDER = "openai";
    private static final String FILE_PATH = "/etc/turnstile-garbage-test.properties";

    private static final Map<TopLevelKey, List<String>> TOP_LEVEL_GARBAGE = Garbage.TOP_LEVEL;
    private static final Map<ProviderKey, List<String>> PROVIDER_GARBAGE = Garbage.PROVIDER;

    /** Good settings given beside the garbage; each must still apply. */
    private static final Map<String, String> NEIGHBOURS = Map.of(
            "turnstile.global.limit", "7",
            "turnstile.providers.anthropic.limit", "2",
            "turnstile.priority.turn-idle", "45s");

    /** How one source carries settings (dotted key → value) into the loader. */
    enum Source {
        AGENT_ARGUMENTS, SYSTEM_PROPERTIES, ENVIRONMENT, FILE;

        LoadedConfig load(Map<String, String> settings) {
            switch (this) {
                case AGENT_ARGUMENTS:
                    List<String> segments = new ArrayList<>();
                    settings.forEach((key, value) -> segments.add(key.substring(KeyPrefix.TURNSTILE.length()) + '=' + value));
                    return ConfigLoader.load(String.join(";", segments), Map.of(), Map.of(), Loading.NO_FILES);
                case SYSTEM_PROPERTIES:
                    return ConfigLoader.load(null, settings, Map.of(), Loading.NO_FILES);
                case ENVIRONMENT:
                    Map<String, String> environment = new LinkedHashMap<>();
                    settings.forEach((key, value) -> environment.put(EnvironmentVariables.nameOf(key), value));
                    return ConfigLoader.load(null, Map.of(), environment, Loading.NO_FILES);
                default:
                    StringBuilder text = new StringBuilder("# written by the test\n");
                    settings.forEach((key, value) -> text.append(key).append(" = ").append(value).append('\n'));
                    ConfigFileReader reader = path -> {
                        if (!path.toString().equals(FILE_PATH)) {
                            throw new NoSuchFileException(path.toString());
                        }
                        return text.toString();
                    };
                    return ConfigLoader.load("config=" + FILE_PATH, Map.of(), Map.of(), reader);
            }
        }
    }

    /** Each case: the key, a garbage value, and the text of the value the key keeps. */
    private static List<String[]> cases() {
        List<String[]> cases = new ArrayList<>();
        for (TopLevelKey key : TopLevelKey.values()) {
            String kept = key.currentText(new ConfigDraft());
            for (String garbage : TOP_LEVEL_GARBAGE.getOrDefault(key, List.of())) {
                cases.add(new String[] {key.key(), garbage, kept});
            }
        }
        for (ProviderKey property : ProviderKey.values()) {
            String kept = property.currentText(Presets.get(PROVIDER).orElseThrow().toBuilder());
            for (String garbage : PROVIDER_GARBAGE.getOrDefault(property, List.of())) {
                cases.add(new String[] {property.keyFor(PROVIDER), garbage, kept});
            }
        }
        return cases;
    }

    static Stream<Arguments> garbageFromEverySource() {
        List<Arguments> arguments = new ArrayList<>();
        for (Source source : Source.values()) {
            for (String[] garbage : cases()) {
                // The file cannot name another file: that is its own problem, tested in ConfigFileTest.
                if (!(source == Source.FILE && garbage[0].equals(TopLevelKey.CONFIG.key()))) {
                    arguments.add(Arguments.of(source, garbage[0], garbage[1], garbage[2]));
                }
            }
        }
        return arguments.stream();
    }

    /** The quoted text right after {@code key: }. */
    private static String shownValue(String problem, String key) {
        int open = key.length() + 2;
        return problem.substring(open + 1, problem.indexOf('"', open + 1));
    }

    private static List<String> shownForms(String key, String garbage) {
        if (key.equals(TopLevelKey.REDIS_PASSWORD.key())) {
            return List.of("(hidden)");
        }
        List<String> forms = new ArrayList<>(ValueParsers.commaList(garbage));
        forms.add(garbage.trim());
        return forms;
    }

    @Test
    void everyKnownKeyHasGarbageToTry() {
        assertThat(TOP_LEVEL_GARBAGE.keySet()).containsExactlyInAnyOrder(TopLevelKey.values());
        assertThat(PROVIDER_GARBAGE.keySet()).containsExactlyInAnyOrder(ProviderKey.values());
        assertThat(TOP_LEVEL_GARBAGE.values()).allSatisfy(values -> assertThat(values).isNotEmpty());
        assertThat(PROVIDER_GARBAGE.values()).allSatisfy(values -> assertThat(values).isNotEmpty());
    }

    @ParameterizedTest(name = "{0}: {1}=\"{2}\"")
    @MethodSource("garbageFromEverySource")
    void garbageIsOneProblemNamingKeyValueAndExpectationAndTheKeyKeepsItsDefault(Source source, String key,
            String garbage, String kept) {
        Map<String, String> good = new LinkedHashMap<>(NEIGHBOURS);
        good.remove(key);
        Map<String, String> withGarbage = new LinkedHashMap<>(good);
        withGarbage.put(key, garbage);

        LoadedConfig loaded = source.load(withGarbage);
        LoadedConfig goodOnly = source.load(good);

        assertThat(goodOnly.problems()).as("the good settings alone").isEmpty();
        assertThat(loaded.problems()).singleElement().asString()
                .startsWith(key + ": \"")
                .contains("; expected ")
                .endsWith("; keeping " + kept);
        assertThat(shownValue(loaded.problems().get(0), key))
                .as("the value shown is the garbage, or the bad item of a comma list (a secret: hidden)")
                .isIn(shownForms(key, garbage));
        assertThat(loaded.config()).isEqualTo(goodOnly.config());
    }
}
