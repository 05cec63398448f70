package dev.turnstile.console.connect;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which JVM to talk to, as the operator wrote it: a local process id (reached through the Attach
 * API), {@code host:port} of a JMX RMI registry, or a full {@code service:jmx:} URL.
 */
public final class Target {

    /** How the target is reached. */
    public enum Kind { PID, HOST_PORT, URL }

    private static final Pattern PID = Pattern.compile("\\d{1,10}");
    private static final Pattern HOST_PORT = Pattern.compile("(\\[[0-9a-fA-F:.%\\w]+]|[\\w.-]+):(\\d{1,5})");

    private final String text;
    private final Kind kind;

    private Target(String text, Kind kind) {
        this.text = text;
        this.kind = kind;
    }

    /**
     * Reads a target.
     *
     * @throws IllegalArgumentException in one line, saying the three accepted forms
     */
    public static Target parse(String text) {
        String trimmed = text == null ? "" : text.trim();
        if (PID.matcher(trimmed).matches() && Long.parseLong(trimmed) > 0) {
            return new Target(trimmed, Kind.PID);
        }
        if (trimmed.startsWith("service:jmx:")) {
            return new Target(trimmed, Kind.URL);
        }
        Matcher hostPort = HOST_PORT.matcher(trimmed);
        if (hostPort.matches()) {
            int port = Integer.parseInt(hostPort.group(2));
            if (port >= 1 && port <= 65535) {
                return new Target(trimmed, Kind.HOST_PORT);
            }
        }
        throw new IllegalArgumentException("bad target '" + text
                + "': expected a local process id (12345), host:port (127.0.0.1:9010) or a service:jmx: URL");
    }

    public Kind kind() {
        return kind;
    }

    public long pid() {
        if (kind != Kind.PID) {
            throw new IllegalStateException(text + " is not a process id");
        }
        return Long.parseLong(text);
    }

    /** The JMX service URL for {@code host:port} and URL targets. */
    public String serviceUrl() {
        switch (kind) {
            case URL:
                return text;
            case HOST_PORT:
                return "service:jmx:rmi:///jndi/rmi://" + text + "/jmxrmi";
            default:
                throw new IllegalStateException("a process id has no service URL before attaching");
        }
    }

    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Target && ((Target) other).text.equals(text);
    }

    @Override
    public int hashCode() {
        return Objects.hash(text);
    }
}
