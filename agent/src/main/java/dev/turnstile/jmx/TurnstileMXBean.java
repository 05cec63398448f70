package dev.turnstile.jmx;

import java.util.List;

/** {@code dev.turnstile:type=Turnstile}: the whole gate. Descriptions are in {@link Descriptions}. */
public interface TurnstileMXBean {

    boolean isEnabled();

    void setEnabled(boolean enabled);

    int getGlobalLimit();

    void setGlobalLimit(int globalLimit);

    String[] getProviderIds();

    int getGlobalInFlight();

    int getGlobalQueued();

    List<AgentCalls> getAgents();

    String[] getAgentLines();

    void addProvider(String id, String hosts, int limit);

    void removeProvider(String id);
}
