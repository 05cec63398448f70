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

    /** The agent's report (see {@code AttachReport}): outcome, summary, warnings, one a line. */
    public static synchronized String start(String arguments, Instrumentation instrumentation, File jar, boolean dynamic)
            throws Exception {
        if (agentLoader != null) {
            String message = "the agent is already running in this JVM; ignoring a second start and its arguments";
            System.err.println("[turnstile] WARN " + message);
            return "already-running\n" + message;
        }
        ClassLoader loader = new AgentClassLoader(new JarFile(jar), jar.toURI().toURL(),
                ClassLoader.getPlatformClassLoader());
        agentLoader = loader;
        Class<?> agent = Class.forName(AGENT_CLASS, true, loader);
        return (String) agent.getMethod("start", String.class, Instrumentation.class, boolean.class)
                .invoke(null, arguments, instrumentation, dynamic);
    }
}
