package dev.turnstile.bootstrap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * How {@code attach} learns what happened in the target JVM. The attacher puts a fresh token in
 * front of the agent arguments; the target's {@code agentmain} takes it off again, starts the
 * agent, and leaves its outcome in the system property {@value #PROPERTY} as
 * {@code token NL outcome NL summary NL warning…}, which the attacher then reads with the Attach
 * API's {@code getSystemProperties()}. A system property travels over the same connection as the
 * attach itself (no file the two JVMs would have to share, which fails across containers), and the
 * token tells this attach's answer from an earlier one.
 *
 * <p>The outcome is the first line of what the agent's start reports: {@code started},
 * {@code disabled}, {@code failed} or {@code already-running}.
 */
final class AttachReport {

    static final String PROPERTY = "dev.turnstile.attach.report";
    private static final String TOKEN_ARGUMENT = "turnstile.attach-report=";

    /** What the target said, or null fields when it said nothing for this token. */
    static final class Answer {
        final String outcome;
        final String summary;
        final List<String> warnings;

        private Answer(String outcome, String summary, List<String> warnings) {
            this.outcome = outcome;
            this.summary = summary;
            this.warnings = warnings;
        }
    }

    private AttachReport() {
    }

    /** The agent arguments that carry {@code token} in front of the operator's own. */
    static String request(String token, String agentArguments) {
        return TOKEN_ARGUMENT + token + (agentArguments.isEmpty() ? "" : ";" + agentArguments);
    }

    /** The token of a request, or null when the arguments carry none (a -javaagent start, an older attacher). */
    static String token(String arguments) {
        if (arguments == null || !arguments.startsWith(TOKEN_ARGUMENT)) {
            return null;
        }
        int end = arguments.indexOf(';');
        return arguments.substring(TOKEN_ARGUMENT.length(), end < 0 ? arguments.length() : end);
    }

    /** The operator's arguments, without the token. */
    static String arguments(String arguments) {
        if (token(arguments) == null) {
            return arguments;
        }
        int end = arguments.indexOf(';');
        return end < 0 ? "" : arguments.substring(end + 1);
    }

    /** In the target: leaves the start's report for the attacher. */
    static void publish(String token, String report) {
        System.setProperty(PROPERTY, token + "\n" + (report == null ? "" : report));
    }

    /** In the attacher: the target's answer to {@code token}, or null when it left none. */
    static Answer read(Properties targetProperties, String token) {
        String value = targetProperties.getProperty(PROPERTY);
        if (value == null) {
            return null;
        }
        List<String> lines = new ArrayList<>(Arrays.asList(value.split("\n", -1)));
        if (lines.size() < 2 || !lines.get(0).equals(token) || lines.get(1).isEmpty()) {
            return null;
        }
        String outcome = lines.get(1);
        String summary = lines.size() > 2 ? lines.get(2) : "";
        List<String> warnings = new ArrayList<>();
        for (String line : lines.subList(Math.min(3, lines.size()), lines.size())) {
            if (!line.isEmpty()) {
                warnings.add(line);
            }
        }
        return new Answer(outcome, summary, warnings);
    }
}
