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

    public static void agentmain(String arguments, Instrumentation instrumentation) {
        launch(arguments, instrumentation, true);
    }

    /** {@code java -jar turnstile-agent.jar attach <pid> [KEY=VALUE;…]}. */
    public static void main(String[] args) {
        System.exit(AttachCommand.run(args, agentJar(), System.out, System.err));
    }

    private static void launch(String arguments, Instrumentation instrumentation, boolean dynamic) {
        try {
            File jar = agentJar();
            instrumentation.appendToBootstrapClassLoaderSearch(new JarFile(jar));
            // From here on the bootstrap copy of this package is the one every loader sees.
            Class<?> boot = Class.forName(AgentLauncher.class.getPackage().getName() + ".AgentBoot", true, null);
            Method start = boot.getMethod("start", String.class, Instrumentation.class, File.class, boolean.class);
            start.invoke(null, arguments, instrumentation, jar, dynamic);
        } catch (Throwable failure) {
            // The application must start whatever happens to the agent.
            System.err.println("[turnstile] ERROR the agent could not start and is inactive: " + failure);
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
