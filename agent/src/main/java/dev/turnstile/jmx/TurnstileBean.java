package dev.turnstile.jmx;

import dev.turnstile.control.RuntimeControl;

import java.util.List;

/** The gate as a whole; writes go through {@link RuntimeControl}. */
final class TurnstileBean implements TurnstileMXBean {

    private final RuntimeControl control;

    TurnstileBean(RuntimeControl control) {
        this.control = control;
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
    }

    @Override
    public void removeProvider(String id) {
        control.removeProvider(id);
    }
}
