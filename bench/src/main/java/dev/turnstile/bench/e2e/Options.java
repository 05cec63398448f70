package dev.turnstile.bench.e2e;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** {@code --name value} command-line options of the end-to-end benchmarks. */
public final class Options {

    private final Map<String, String> values = new HashMap<>();

    public Options(String[] args) {
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --name value, got " + args[i]);
            }
            values.put(args[i].substring(2), args[i + 1]);
        }
    }

    public String text(String name) {
        String value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException("missing option --" + name);
        }
        return value;
    }

    public Path path(String name) {
        return Path.of(text(name));
    }

    public int number(String name, int orElse) {
        String value = values.get(name);
        return value == null ? orElse : Integer.parseInt(value);
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }
}
