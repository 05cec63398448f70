package dev.turnstile.control;

import dev.turnstile.config.HostPattern;
import dev.turnstile.config.ProviderConfig;
import dev.turnstile.config.TurnstileConfig;
import dev.turnstile.core.SlotScheduler;
import dev.turnstile.http.Gate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Every runtime change goes through here, whoever asks (JMX, the console): it builds the whole
 * new configuration first — so a bad value is refused with an {@link IllegalArgumentException}
 * before anything changes — then applies it to the scheduler and swaps the gate's rules.
 * Changes are serialized by a lock that is never held while anybody blocks on a slot.
 */
public final class RuntimeControl {

    private final SlotScheduler scheduler;
    private final Gate gate;
    private final ReentrantLock writes = new ReentrantLock();
    private final List<Consumer<TurnstileConfig>> changeListeners = new CopyOnWriteArrayList<>();

    public RuntimeControl(SlotScheduler scheduler, Gate gate) {
        this.scheduler = scheduler;
        this.gate = gate;
    }

    public SlotScheduler scheduler() {
        return scheduler;
    }

    public TurnstileConfig config() {
        return gate.config();
    }

    /** Called with the new configuration after each applied change (persistence listens). */
    public void onChange(Consumer<TurnstileConfig> listener) {
        changeListeners.add(listener);
    }

    public ProviderConfig provider(String id) {
        return config().provider(id).orElseThrow(() -> unknown(id));
    }

    public void setLimit(String id, int limit) {
        changeProvider(id, p -> p.withLimit(limit), p -> scheduler.setLimit(id, limit));
    }

    public void setMaxHold(String id, Duration maxHold) {
        changeProvider(id, p -> p.withMaxHold(maxHold), p -> scheduler.setMaxHold(id, maxHold));
    }

    public void setQueueTimeout(String id, Duration queueTimeout) {
        changeProvider(id, p -> p.withQueueTimeout(queueTimeout), p -> scheduler.setQueueTimeout(id, queueTimeout));
    }

    /** Calls per minute, for endpoints that enforce a budget without headers; 0 = off. */
    public void setRpm(String id, int rpm) {
        changeProvider(id, p -> p.withRpm(rpm), p -> scheduler.setRpm(id, rpm));
    }

    /** Tokens per minute, estimated from request sizes until the answers tell; 0 = off. */
    public void setTpm(String id, long tpm) {
        changeProvider(id, p -> p.withTpm(tpm), p -> scheduler.setTpm(id, tpm));
    }

    /** Overload failures in a row that open the provider's breaker; 0 turns it off (and closes it). */
    public void setBreakerFailures(String id, int failures) {
        changeProvider(id, p -> p.withBreakerFailures(failures), p -> scheduler.setBreakerFailures(id, failures));
    }

    /** {@code hosts}: a comma list of {@code host}, {@code host:port} or {@code *.domain}. */
    public void setHosts(String id, String hosts) {
        List<HostPattern> patterns = parseHosts(hosts);
        changeProvider(id, p -> p.withHosts(patterns), p -> { });
    }

    public void addProvider(String id, String hosts, int limit) {
        List<HostPattern> patterns = parseHosts(hosts);
        change(config -> {
            if (config.provider(id).isPresent()) {
                throw new IllegalArgumentException("provider '" + id + "' already exists");
            }
            if (!ProviderConfig.isValidId(id)) {
                throw new IllegalArgumentException("'" + id + "' is not a valid provider id; expected lower-case "
                        + "letters, digits and '-', starting with a letter or digit");
            }
            return config.withProvider(ProviderConfig.builder(id).hosts(patterns).limit(limit).build());
        }, config -> scheduler.addProvider(SchedulerSettingsMapper.provider(config.provider(id).orElseThrow())));
    }

    /** Queued calls of the removed provider go through ungated; calls in flight end normally. */
    public void removeProvider(String id) {
        change(config -> {
            provider(id);
            return config.withoutProvider(id);
        }, config -> scheduler.removeProvider(id));
    }

    public void setEnabled(boolean enabled) {
        change(config -> config.withEnabled(enabled), config -> scheduler.setEnabled(enabled));
    }

    public void setGlobalLimit(int globalLimit) {
        change(config -> config.withGlobalLimit(globalLimit), config -> scheduler.setGlobalLimit(globalLimit));
    }

    public void pause(String id, long millis) {
        provider(id);
        scheduler.pause(id, millis);
    }

    public void resume(String id) {
        provider(id);
        scheduler.resume(id);
    }

    public void resetStatistics(String id) {
        provider(id);
        scheduler.resetStatistics(id);
        gate.activity().resetUngated(id);
    }

    /** Connections opened to {@code id}'s hosts with no gated call behind them, since start or the last reset. */
    public long ungated(String id) {
        return gate.activity().ungated(id);
    }

    private void changeProvider(String id, UnaryOperator<ProviderConfig> change, Consumer<ProviderConfig> apply) {
        change(config -> config.withProvider(change.apply(provider(id))),
                config -> apply.accept(config.provider(id).orElseThrow()));
    }

    /** Validates by building the new configuration, then applies it; nothing changes on a refusal. */
    private void change(UnaryOperator<TurnstileConfig> build, Consumer<TurnstileConfig> apply) {
        TurnstileConfig updated;
        writes.lock();
        try {
            updated = build.apply(config());
            apply.accept(updated);
            gate.update(updated);
        } finally {
            writes.unlock();
        }
        for (Consumer<TurnstileConfig> listener : changeListeners) {
            try {
                listener.accept(updated);
            } catch (RuntimeException e) {
                dev.turnstile.log.FailOpen.report("configuration change listener", e);
            }
        }
    }

    private static List<HostPattern> parseHosts(String hosts) {
        List<HostPattern> patterns = new ArrayList<>();
        for (String part : hosts == null ? new String[0] : hosts.split(",")) {
            if (!part.isBlank()) {
                patterns.add(HostPattern.parse(part.trim()));
            }
        }
        if (patterns.isEmpty()) {
            // The same words as the configuration's, for "", " , " and null alike.
            throw new IllegalArgumentException((hosts == null ? "null" : '"' + hosts + '"')
                    + " is not a valid host list; expected a comma list of " + HostPattern.EXPECTED);
        }
        return patterns;
    }

    private IllegalArgumentException unknown(String id) {
        return new IllegalArgumentException("unknown provider '" + id + "'; known: " + config().providers().keySet());
    }
}
