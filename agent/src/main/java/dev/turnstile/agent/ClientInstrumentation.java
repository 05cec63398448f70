package dev.turnstile.agent;

import dev.turnstile.http.Gate;
import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * One instrumented HTTP client: which classes to change (a thin advice each), and the hooks its
 * advice reaches through the bootstrap bridge.
 */
public interface ClientInstrumentation {

    /** Short name for logs, e.g. {@code okhttp}. */
    String name();

    /** A class whose presence on the system class path says the client is there, for the start line. */
    String probeClass();

    /** Adds this client's type and method matchers with their advice. */
    AgentBuilder instrument(AgentBuilder builder, AgentBuilder.Transformer.ForAdvice advice);

    /** Bootstrap bridge classes the instrumented modules must be able to read. */
    Class<?>[] bridges();

    /** Connects the bridge to the gate. Called before any class is transformed. */
    void activate(Gate gate);
}
