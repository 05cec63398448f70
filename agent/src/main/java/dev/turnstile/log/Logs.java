package dev.turnstile.log;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;

/**
 * The agent's loggers: slf4j-simple, relocated into the agent jar, writing to standard error.
 * The keys below are relocated with it, so they never touch the application's own SLF4J set-up.
 */
public final class Logs {

    private static final String SIMPLE = "org.slf4j.simpleLogger.";

    private Logs() {
    }

    /** Sets the level ({@code trace}…{@code off}); call once, before the first logger is made. */
    public static void configure(String level) {
        setIfAbsent(SIMPLE + "defaultLogLevel", level.toLowerCase(Locale.ROOT));
        setIfAbsent(SIMPLE + "showDateTime", "true");
        setIfAbsent(SIMPLE + "dateTimeFormat", "yyyy-MM-dd HH:mm:ss.SSS");
        setIfAbsent(SIMPLE + "showThreadName", "false");
        setIfAbsent(SIMPLE + "showLogName", "true");
        setIfAbsent(SIMPLE + "logFile", "System.err");
    }

    public static Logger get(Class<?> type) {
        return LoggerFactory.getLogger("turnstile." + type.getSimpleName());
    }

    private static void setIfAbsent(String key, String value) {
        try {
            if (System.getProperty(key) == null) {
                System.setProperty(key, value);
            }
        } catch (SecurityException ignored) {
            // A security manager forbids it: keep slf4j-simple's defaults.
        }
    }
}
