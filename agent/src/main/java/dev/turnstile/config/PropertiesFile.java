package dev.turnstile.config;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;

/**
 * Reads the properties file named by {@code turnstile.config}. As in agent arguments, the
 * {@code turnstile.} prefix may be left out. A file that is missing, unreadable or malformed is one
 * problem, and the configuration goes on without it.
 */
final class PropertiesFile {

    private static final String KEY = TopLevelKey.CONFIG.key();

    private PropertiesFile() {
    }

    static Map<String, String> settings(Path path, ConfigFileReader reader, List<String> problems) {
        Map<String, String> settings = new LinkedHashMap<>();
        Properties properties = new Properties();
        try {
            String text = reader.read(path);
            if (text == null) {
                throw new NoSuchFileException(path.toString());
            }
            properties.load(new StringReader(text));
        } catch (NoSuchFileException e) {
            problems.add(KEY + ": the file \"" + path + "\" does not exist; continuing without it");
            return settings;
        } catch (AccessDeniedException e) {
            problems.add(KEY + ": the file \"" + path + "\" cannot be read (permission denied); continuing without it");
            return settings;
        } catch (IOException | RuntimeException e) {
            // Properties.load throws IllegalArgumentException for a malformed \\uXXXX escape.
            problems.add(KEY + ": the file \"" + path + "\" cannot be read (" + e + "); continuing without it");
            return settings;
        }
        for (String name : new TreeSet<>(properties.stringPropertyNames())) {
            String key = KeyPrefix.fullKey(name.trim());
            if (key.equals(KEY)) {
                problems.add(KEY + " in \"" + path + "\": a properties file cannot name another one; ignored");
                continue;
            }
            settings.put(key, properties.getProperty(name).trim());
        }
        return settings;
    }
}
