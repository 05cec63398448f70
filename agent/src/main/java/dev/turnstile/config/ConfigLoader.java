package dev.turnstile.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the configuration from, highest precedence first: agent arguments
 * ({@code KEY=VALUE;KEY=VALUE}, {@code turnstile.} optional), system properties ({@code turnstile.*}),
 * environment variables ({@code TURNSTILE_*}), the properties file named by {@code turnstile.config} in
 * any of those, and the built-in defaults.
 *
 * <p>It never throws and never gives up: a bad value keeps its default and becomes one problem, an
 * unreadable file is one problem, and even an unexpected failure only yields the defaults and a problem.
 * A value from a higher source replaces a lower one whole; a bad value does not fall back to a lower
 * source.
 */
public final class ConfigLoader {

    private ConfigLoader() {
    }

    /** Loads with this JVM's system properties and environment. */
    public static LoadedConfig loadFromJvm(String agentArgs) {
        Map<String, String> systemProperties = new HashMap<>();
        Map<String, String> environment = Map.of();
        List<String> problems = new ArrayList<>();
        try {
            for (String name : System.getProperties().stringPropertyNames()) {
                systemProperties.put(name, System.getProperty(name));
            }
            environment = System.getenv();
        } catch (SecurityException e) {
            problems.add("cannot read system properties or the environment (" + e + "); using agent arguments only");
        }
        LoadedConfig loaded = load(agentArgs, systemProperties, environment);
        if (problems.isEmpty()) {
            return loaded;
        }
        problems.addAll(loaded.problems());
        return new LoadedConfig(loaded.config(), problems);
    }

    /** Loads, reading the properties file from the file system. */
    public static LoadedConfig load(String agentArgs, Map<String, String> systemProperties,
            Map<String, String> environment) {
        return load(agentArgs, systemProperties, environment, ConfigFileReader.fileSystem());
    }

    /**
     * Loads, reading the properties file with {@code fileReader}.
     *
     * @param agentArgs the agent's argument string; {@code null} for none
     * @param systemProperties all system properties; only {@code turnstile.*} are read; {@code null} for none
     * @param environment all environment variables; only {@code TURNSTILE_*} are read; {@code null} for none
     */
    public static LoadedConfig load(String agentArgs, Map<String, String> systemProperties,
            Map<String, String> environment, ConfigFileReader fileReader) {
        List<String> problems = new ArrayList<>();
        try {
            Map<String, String> settings = new HashMap<>();
            // Lowest precedence first, so that each higher source overwrites.
            settings.putAll(EnvironmentVariables.settings(orEmpty(environment), problems));
            settings.putAll(turnstileProperties(orEmpty(systemProperties)));
            settings.putAll(AgentArguments.settings(agentArgs, problems));
            Optional<Path> file = configFile(settings.get(TopLevelKey.CONFIG.key()));
            if (file.isPresent()) {
                Map<String, String> withFile = new HashMap<>(PropertiesFile.settings(file.get(), fileReader, problems));
                withFile.putAll(settings);
                settings = withFile;
            }
            return new LoadedConfig(ConfigAssembler.assemble(settings, problems), problems);
        } catch (RuntimeException | LinkageError e) {
            problems.add("unexpected error while reading the configuration (" + e + "); using the defaults");
            return new LoadedConfig(TurnstileConfig.defaults(), problems);
        }
    }

    private static Map<String, String> orEmpty(Map<String, String> map) {
        return map == null ? Map.of() : map;
    }

    private static Map<String, String> turnstileProperties(Map<String, String> systemProperties) {
        Map<String, String> settings = new HashMap<>();
        for (Map.Entry<String, String> property : systemProperties.entrySet()) {
            if (property.getKey() != null && property.getKey().startsWith(KeyPrefix.TURNSTILE)
                    && property.getValue() != null) {
                settings.put(property.getKey().trim(), property.getValue().trim());
            }
        }
        return settings;
    }

    /** The file to read; a bad path is reported once, later, by the assembler for {@code turnstile.config}. */
    private static Optional<Path> configFile(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        try {
            return ValueParsers.optionalPath(raw);
        } catch (IllegalArgumentException reportedByAssembler) {
            return Optional.empty();
        }
    }
}
