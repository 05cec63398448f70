package dev.turnstile.bootstrap;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarFile;

/**
 * Entry point of the agent jar: {@code premain} for {@code -javaagent}, {@code agentmain} for a
 * dynamic attach, and {@code main} for {@code java -jar turnstile-agent.jar attach <pid>}.
 *
 * <p>It defines the bridge package in the bootstrap class loader, so that the bridges are visible to
 * every class loader (see {@link BootstrapDefiner}; the jar is appended to the bootstrap search
 * path only where that is not possible), and hands over to the agent proper, loaded by an {@link AgentClassLoader} that the
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
            putBridgeOnBootstrap(instrumentation, jar);
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

    private static void putBridgeOnBootstrap(Instrumentation instrumentation, File jarFile) throws IOException {
        if (bridgeOnBootstrap()) {
            return; // a second start: the first one put it there
        }
        JarFile jar = new JarFile(jarFile);
        if (!defineDirectly(instrumentation, jar)) {
            instrumentation.appendToBootstrapClassLoaderSearch(jar);
        }
    }

    private static boolean bridgeOnBootstrap() {
        try {
            Class.forName(AgentLauncher.class.getPackage().getName() + ".AgentBoot", false, null);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Runs {@link BootstrapDefiner} in a loader of its own, the only one to which {@code java.lang} is opened. */
    private static boolean defineDirectly(Instrumentation instrumentation, JarFile jar) {
        try (InputStream in = AgentLauncher.class.getResourceAsStream("BootstrapDefiner.class")) {
            if (in == null) {
                return false;
            }
            IsolatedLoader loader = new IsolatedLoader();
            Class<?> definer = loader.define(BootstrapDefiner.class.getName(), in.readAllBytes());
            instrumentation.redefineModule(Object.class.getModule(), Set.of(), Map.of(),
                    Map.of("java.lang", Set.of(loader.getUnnamedModule())), Set.of(), Map.of());
            return (Boolean) definer.getMethod("define", JarFile.class).invoke(null, jar);
        } catch (Exception | LinkageError e) {
            return false;
        }
    }

    /** Holds {@link BootstrapDefiner} alone; its parent is the bootstrap loader. */
    private static final class IsolatedLoader extends ClassLoader {

        IsolatedLoader() {
            super(null);
        }

        Class<?> define(String name, byte[] bytes) {
            return defineClass(name, bytes, 0, bytes.length);
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
