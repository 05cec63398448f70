package dev.turnstile.config;

import java.util.List;
import java.util.Objects;

/**
 * What {@link ConfigLoader} produced: a usable configuration, always, and the problems met on the way,
 * each one English sentence naming the key, the bad value and what was expected.
 */
public final class LoadedConfig {

    private final TurnstileConfig config;
    private final List<String> problems;

    LoadedConfig(TurnstileConfig config, List<String> problems) {
        this.config = Objects.requireNonNull(config, "config");
        this.problems = List.copyOf(problems);
    }

    public TurnstileConfig config() {
        return config;
    }

    /** Problems in the order met: source problems first (arguments, environment, file), then by key. */
    public List<String> problems() {
        return problems;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof LoadedConfig)) {
            return false;
        }
        LoadedConfig that = (LoadedConfig) other;
        return config.equals(that.config) && problems.equals(that.problems);
    }

    @Override
    public int hashCode() {
        return Objects.hash(config, problems);
    }

    @Override
    public String toString() {
        return "LoadedConfig{config=" + config + ", problems=" + problems + '}';
    }
}
