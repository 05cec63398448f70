package dev.turnstile.jmx;

import dev.turnstile.control.RuntimeControl;

import java.util.List;
import java.util.function.Consumer;

/** The gate as a whole; writes go through {@link RuntimeControl}. */
final class TurnstileBean implements TurnstileMXBean {

    private final RuntimeControl control;
    /** Brings a provider's MBean in line at once, so that it exists (or is gone) when the operation returns. */
    private final Consumer<String> providerBeans;

    TurnstileBean(RuntimeControl control, Consumer<String> providerBeans) {
        this.control = control;
        this.providerBeans = providerBeans;
    }

    @Override
    public boolean isEnabled() {
        return control.config().enabled();
    }

    @Override
    public void setEnabled(boolean enabled) {
        control.setEnabled(enabled);
    }

    @Override
    public int getGlobalLimit() {
        return control.config().globalLimit();
    }

    @Override
    public void setGlobalLimit(int globalLimit) {
        control.setGlobalLimit(globalLimit);
    }

    @Override
    public String[] getProviderIds() {
        return control.config().providers().keySet().toArray(new String[0]);
    }

    @Override
    public int getGlobalInFlight() {
        return control.scheduler().snapshot().globalInFlight();
    }

    @Override
    public int getGlobalQueued() {
        return control.scheduler().snapshot().globalQueued();
    }

    @Override
    public List<AgentCalls> getAgents() {
        return AgentCalls.of(control.scheduler().snapshot());
    }

    @Override
    public String[] getAgentLines() {
        return AgentLines.of(getAgents());
    }

    @Override
    public void addProvider(String id, String hosts, int limit) {
        control.addProvider(id, hosts, limit);
        providerBeans.accept(id);
    }

    @Override
    public void removeProvider(String id) {
        control.removeProvider(id);
        providerBeans.accept(id);
    }
}
