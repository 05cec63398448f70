package dev.turnstile.bootstrap;

import java.io.File;
import java.io.PrintStream;
import java.lang.reflect.Method;

/**
 * {@code java -jar turnstile-agent.jar attach <pid> [KEY=VALUE;…]}: loads the agent into a running
 * JVM through the JDK's Attach API ({@code jdk.attach}), reached by reflection so that this class
 * needs only {@code java.base}.
 */
final class AttachCommand {

    private static final String USAGE = "usage: java -jar turnstile-agent.jar attach <pid> [KEY=VALUE;KEY=VALUE...]";

    private AttachCommand() {
    }

    static int run(String[] args, File agentJar, PrintStream out, PrintStream err) {
        if (args.length == 0 || "-h".equals(args[0]) || "--help".equals(args[0])) {
            out.println(USAGE);
            out.println("Loads Turnstile into the running JVM <pid>, with optional agent arguments.");
            return args.length == 0 ? 2 : 0;
        }
        if (!"attach".equals(args[0]) || args.length < 2 || args.length > 3) {
            err.println("turnstile: unknown command '" + String.join(" ", args) + "'");
            err.println(USAGE);
            return 2;
        }
        String pid = args[1];
        if (!pid.matches("[0-9]+")) {
            err.println("turnstile: '" + pid + "' is not a process id (a whole number)");
            return 2;
        }
        String agentArguments = args.length == 3 ? args[2] : "";
        try {
            Class<?> vmClass = Class.forName("com.sun.tools.attach.VirtualMachine");
            Object vm = vmClass.getMethod("attach", String.class).invoke(null, pid);
            try {
                Method loadAgent = vmClass.getMethod("loadAgent", String.class, String.class);
                loadAgent.invoke(vm, agentJar.getAbsolutePath(), agentArguments);
            } finally {
                vmClass.getMethod("detach").invoke(vm);
            }
            out.println("turnstile: attached to " + pid);
            return 0;
        } catch (ClassNotFoundException e) {
            err.println("turnstile: this Java runtime has no Attach API (module jdk.attach); run the command with a JDK");
            return 1;
        } catch (ReflectiveOperationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            err.println("turnstile: could not attach to " + pid + ": " + cause);
            return 1;
        }
    }
}
