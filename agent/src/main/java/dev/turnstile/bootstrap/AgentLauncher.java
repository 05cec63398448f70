package dev.turnstile.bootstrap;

import java.io.File;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.util.jar.JarFile;

/**
 * Entry point of the agent jar: {@code premain} for {@code -javaagent}, {@code agentmain} for a
 * dynamic attach, and {@code main} for {@code java -jar turnstile-agent.jar attach <pid>}.
 *
 * <p>It puts the jar on the bootstrap class path, so that the bridges are visible to every class
 * loader, and hands over to the agent proper, loaded by an {@link AgentClassLoader} that the
 * application cannot see. Nothing thrown here reaches the application.
 */
public final class AgentLauncher {

    private AgentLauncher() {
    }

    public static void premain(String arguments, Instrumentation instrumentation) {
        launch(arguments, instrumentation, false);
    }

    /** A dynamic attach; when the attacher asked for it, the outcome is left for it to read ({@link AttachReport}). */
    public static void agentmain(String arguments, Instrumentation instrumentation) {
        String token = AttachReport.token(arguments);
        String report = launch(AttachReport.arguments(arguments), instrumentation, true);
        if (token != null) {
            try {
                AttachReport.publish(token, report);
            } catch (Throwable unreported) {
                // the attacher then says it got no answer; the application goes on
            }
        }
    }

    /** {@code java -jar turnstile-agent.jar attach <pid> [KEY=VALUE;…]}. */
    public static void main(String[] args) {
        System.exit(AttachCommand.run(args, agentJar(), System.out, System.err));
    }

    /** The start's report: its outcome on the first line, then a summary and any warnings. */
    private static String launch(String arguments, Instrumentation instrumentation, boolean dynamic) {
        try {
            File jar = agentJar();
            instrumentation.appendToBootstrapClassLoaderSearch(new JarFile(jar));
            // From here on the bootstrap copy of this package is the one every loader sees.
            Class<?> boot = Class.forName(AgentLauncher.class.getPackage().getName() + ".AgentBoot", true, null);
            Method start = boot.getMethod("start", String.class, Instrumentation.class, File.class, boolean.class);
            return (String) start.invoke(null, arguments, instrumentation, jar, dynamic);
        } catch (Throwable failure) {
            // The application must start whatever happens to the agent.
            String message = "the agent could not start and is inactive: " + failure;
            System.err.println("[turnstile] ERROR " + message);
            return "failed\n" + message;
        }
    }

    static File agentJar() {
        try {
            return new File(AgentLauncher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | RuntimeException e) {
            throw new IllegalStateException("cannot locate the Turnstile agent jar", e);
        }
    }
}
