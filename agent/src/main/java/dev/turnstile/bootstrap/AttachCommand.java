package dev.turnstile.bootstrap;

import java.io.File;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

/**
 * {@code java -jar turnstile-agent.jar attach <pid> [KEY=VALUE;…]}: loads the agent into a running
 * JVM through the JDK's Attach API ({@code jdk.attach}), reached by reflection so that this class
 * needs only {@code java.base}, then reports what happened in the target ({@link AttachReport}).
 *
 * <p>Exit codes: 0 started; 3 started, but some settings were refused (they keep their defaults);
 * 1 it did not take effect (already running, disabled, failed, no answer, cannot attach);
 * 2 bad input.
 */
final class AttachCommand {

    static final int STARTED = 0;
    static final int NOT_IN_EFFECT = 1;
    static final int BAD_INPUT = 2;
    static final int STARTED_WITH_PROBLEMS = 3;

    private static final String USAGE = "usage: java -jar turnstile-agent.jar attach <pid> [KEY=VALUE;KEY=VALUE...]";

    private AttachCommand() {
    }

    static int run(String[] args, File agentJar, PrintStream out, PrintStream err) {
        if (args.length == 0 || "-h".equals(args[0]) || "--help".equals(args[0])
                || ("attach".equals(args[0]) && args.length == 2 && ("-h".equals(args[1]) || "--help".equals(args[1])))) {
            usage(out);
            return args.length == 0 ? BAD_INPUT : STARTED;
        }
        if (!"attach".equals(args[0]) || args.length > 3) {
            err.println("turnstile: unknown command '" + String.join(" ", args) + "'");
            err.println(USAGE);
            return BAD_INPUT;
        }
        if (args.length == 1) {
            err.println("turnstile: attach needs the process id of the JVM to attach to");
            usage(err);
            LocalJvmList.print(err);
            return BAD_INPUT;
        }
        String pid = args[1];
        if (!pid.matches("[0-9]+")) {
            err.println("turnstile: '" + pid + "' is not a process id (a whole number)");
            return BAD_INPUT;
        }
        String token = UUID.randomUUID().toString();
        String agentArguments = AttachReport.request(token, args.length == 3 ? args[2] : "");
        Properties target;
        try {
            Class<?> vmClass = Class.forName("com.sun.tools.attach.VirtualMachine");
            Object vm = vmClass.getMethod("attach", String.class).invoke(null, pid);
            try {
                Method loadAgent = vmClass.getMethod("loadAgent", String.class, String.class);
                loadAgent.invoke(vm, agentJar.getAbsolutePath(), agentArguments);
                target = (Properties) vmClass.getMethod("getSystemProperties").invoke(vm);
            } finally {
                vmClass.getMethod("detach").invoke(vm);
            }
        } catch (ClassNotFoundException e) {
            err.println("turnstile: this Java runtime has no Attach API (module jdk.attach); run the command with a JDK");
            return NOT_IN_EFFECT;
        } catch (ReflectiveOperationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            err.println("turnstile: could not attach to " + pid + ": " + cause);
            return NOT_IN_EFFECT;
        }
        return report(pid, AttachReport.read(target, token), out, err);
    }

    private static int report(String pid, AttachReport.Answer answer, PrintStream out, PrintStream err) {
        if (answer == null) {
            err.println("turnstile: JVM " + pid + " loaded the agent jar but sent no answer (a Turnstile of another version "
                    + "may be running there); whether it took effect shows only in that JVM's standard error");
            return NOT_IN_EFFECT;
        }
        for (String warning : answer.warnings) {
            err.println("turnstile: warning in JVM " + pid + ": " + warning);
        }
        switch (answer.outcome) {
            case "started":
                out.println("turnstile: started in JVM " + pid + ": " + answer.summary);
                if (!answer.warnings.isEmpty()) {
                    err.println("turnstile: started, but with " + problems(answer.warnings) + " (above); a refused "
                            + "setting keeps its default");
                    return STARTED_WITH_PROBLEMS;
                }
                return STARTED;
            case "already-running":
                err.println("turnstile: not attached: Turnstile is already running in JVM " + pid + ", so this attach "
                        + "changed nothing and its arguments were not applied; change settings at run time over JMX "
                        + "(e.g. turnstile-console set-limit " + pid + " <provider> <n>)");
                return NOT_IN_EFFECT;
            case "disabled":
                err.println("turnstile: not attached: " + answer.summary);
                return NOT_IN_EFFECT;
            default:
                err.println("turnstile: not attached: in JVM " + pid + " " + answer.summary
                        + "; the application goes on without it");
                return NOT_IN_EFFECT;
        }
    }

    private static String problems(List<String> warnings) {
        return warnings.size() == 1 ? "1 warning" : warnings.size() + " warnings";
    }

    private static void usage(PrintStream out) {
        out.println(USAGE);
        out.println("Loads Turnstile into the running JVM <pid>, with optional agent arguments, and reports what happened "
                + "there. Exit code 0 started, 3 started with refused settings, 1 not in effect, 2 bad input.");
    }
}
