package dev.turnstile.control;

import dev.turnstile.config.ConfigWriter;
import dev.turnstile.config.TurnstileConfig;
import dev.turnstile.log.Logs;
import org.slf4j.Logger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * {@code turnstile.persist=true}: writes each runtime change back to the {@code turnstile.config}
 * file, so a restart keeps what an operator set. The file is edited, not regenerated: comments,
 * blank lines and their order stay; a changed key's value is replaced where it stands; a key that
 * went back to its default (or belonged to a removed provider) is dropped; new keys are appended.
 * The new text is written to a temporary file beside the old one and renamed over it, so a crash
 * never leaves half a file. A failure is logged and changes nothing else.
 */
public final class ConfigPersister implements Consumer<TurnstileConfig> {

    private static final Logger LOG = Logs.get(ConfigPersister.class);
    private static final String PREFIX = "turnstile.";

    private final Path file;
    /** One write at a time; a lock, not {@code synchronized}, because writing blocks on I/O. */
    private final ReentrantLock writing = new ReentrantLock();

    public ConfigPersister(Path file) {
        this.file = file;
    }

    @Override
    public void accept(TurnstileConfig config) {
        try {
            write(config);
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not write the runtime change to {}; the change is live but will not survive a restart: {}",
                    file, e.toString());
        }
    }

    void write(TurnstileConfig config) throws IOException {
        writing.lock();
        try {
            writeLocked(config);
        } finally {
            writing.unlock();
        }
    }

    private void writeLocked(TurnstileConfig config) throws IOException {
        List<String> old = Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : new ArrayList<>();
        String text = merge(old, ConfigWriter.toProperties(config));
        Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), "." + file.getFileName(), ".tmp");
        try {
            Files.write(temp, text.getBytes(StandardCharsets.UTF_8));
            try {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** The old lines with the new values: see the class comment. */
    static String merge(List<String> oldLines, Map<String, String> properties) {
        Map<String, String> remaining = new LinkedHashMap<>(properties);
        StringBuilder text = new StringBuilder();
        for (String line : oldLines) {
            String key = keyOf(line);
            if (key == null || !ConfigWriter.manages(key)) {
                text.append(line).append('\n'); // comment, blank, unknown or bootstrap key: keep as is
            } else if (remaining.containsKey(key)) {
                text.append(writtenKey(line)).append('=').append(escape(remaining.remove(key))).append('\n');
            }
            // else: back to its default, or its provider is gone: drop the line
        }
        for (Map.Entry<String, String> property : remaining.entrySet()) {
            text.append(property.getKey()).append('=').append(escape(property.getValue())).append('\n');
        }
        return text.toString();
    }

    /** The full key of a {@code key=value} line, or null for comments, blanks and non-Turnstile lines. */
    private static String keyOf(String line) {
        String trimmed = line.trim();
        if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith("!")) {
            return null;
        }
        int end = separator(trimmed);
        String key = (end < 0 ? trimmed : trimmed.substring(0, end)).trim();
        if (key.isEmpty()) {
            return null;
        }
        // In the file the prefix may be left out, as in agent arguments.
        return key.startsWith(PREFIX) ? key : PREFIX + key;
    }

    /** The key as the line wrote it (with or without the prefix), so the file keeps its style. */
    private static String writtenKey(String line) {
        String trimmed = line.trim();
        int end = separator(trimmed);
        return (end < 0 ? trimmed : trimmed.substring(0, end)).trim();
    }

    private static int separator(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '=' || c == ':' || Character.isWhitespace(c)) {
                return i;
            }
        }
        return -1;
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\");
    }
}
