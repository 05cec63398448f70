package dev.turnstile.bootstrap;

import java.io.File;
import java.lang.instrument.Instrumentation;
import java.util.jar.JarFile;

/** Loads the agent proper in its own class loader and starts it. Runs in the bootstrap class loader. */
public final class AgentBoot {

    private static final String AGENT_CLASS = "dev.turnstile.agent.TurnstileAgent";

    private static volatile ClassLoader agentLoader;

    private AgentBoot() {
    }

    public static synchronized void start(String arguments, Instrumentation instrumentation, File jar, boolean dynamic)
            throws Exception {
        if (agentLoader != null) {
            System.err.println("[turnstile] WARN the agent is already running in this JVM; ignoring a second start");
            return;
        }
        ClassLoader loader = new AgentClassLoader(new JarFile(jar), jar.toURI().toURL(),
                ClassLoader.getPlatformClassLoader());
        agentLoader = loader;
        Class<?> agent = Class.forName(AGENT_CLASS, true, loader);
        agent.getMethod("start", String.class, Instrumentation.class, boolean.class)
                .invoke(null, arguments, instrumentation, dynamic);
    }
}
