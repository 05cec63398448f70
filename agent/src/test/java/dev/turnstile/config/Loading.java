package dev.turnstile.config;

import java.nio.file.NoSuchFileException;
import java.util.Map;

/** Shortcuts for loading from one source at a time, with no file system behind {@code turnstile.config}. */
final class Loading {

    static final ConfigFileReader NO_FILES = path -> {
        throw new NoSuchFileException(path.toString());
    };

    private Loading() {
    }

    static LoadedConfig fromAgentArgs(String agentArgs) {
        return ConfigLoader.load(agentArgs, Map.of(), Map.of(), NO_FILES);
    }

    static LoadedConfig fromSystemProperties(Map<String, String> properties) {
        return ConfigLoader.load(null, properties, Map.of(), NO_FILES);
    }

    static LoadedConfig fromEnvironment(Map<String, String> environment) {
        return ConfigLoader.load(null, Map.of(), environment, NO_FILES);
    }
}
