package dev.turnstile.core;

import dev.turnstile.core.pause.OverloadBreaker;
import dev.turnstile.core.pause.PausePolicy;

import java.util.concurrent.TimeUnit;

/**
 * What the scheduler does with overload (a provider that fails calls without saying "rate
 * limited"): it tells the provider's {@link OverloadBreaker} each verdict, pauses the queue through
 * {@link Backpressure} when the breaker opens, and reports every change of the breaker's state.
 * The probe is chosen as a call starts ({@link Calls}); the dispatcher holds other calls while it
 * is out. Called under the scheduler's lock.
 */
final class Overload {

    private final SchedulerLock lock;
    private final Backpressure backpressure;
    private final PausePolicy.Tuning tuning;

    Overload(SchedulerLock lock, Backpressure backpressure, PausePolicy.Tuning tuning) {
        this.lock = lock;
        this.backpressure = backpressure;
        this.tuning = tuning;
    }

    /** {@code permit}'s call failed by overload ({@code cause}: a status or a connection failure). */
    void failed(Permit permit, String cause) {
        ProviderState provider = permit.provider;
        if (provider.removed || permit.overloaded) {
            return;
        }
        permit.overloaded = true;
        OverloadBreaker breaker = provider.breaker;
        boolean probe = permit.probe;
        permit.probe = false;
        if (!breaker.onFailure(probe, provider.settings.breakerFailures())) {
            return;
        }
        long nanos = breaker.openNanos(tuning);
        String reason = (probe ? "overloaded: the probe failed (" + cause + ")"
                : "overloaded: " + breaker.consecutiveFailures() + " failures in a row, the last " + cause)
                + "; breaker open for " + TimeUnit.NANOSECONDS.toMillis(nanos) + " ms";
        changed(provider, reason);
        backpressure.pause(provider, nanos, lock.now(), reason);
    }

    /** The provider answered {@code permit}'s call with something other than an overload. */
    void answered(Permit permit) {
        ProviderState provider = permit.provider;
        if (provider.removed || permit.overloaded) {
            return;
        }
        boolean probe = permit.probe;
        permit.probe = false;
        if (provider.breaker.onAnswer(probe)) {
            changed(provider, "the probe was answered; calls flow again");
        }
    }

    /** The call left the books; a probe that got no verdict makes room for the next one. */
    void ended(Permit permit) {
        if (permit.probe) {
            permit.probe = false;
            permit.provider.breaker.onProbeLost();
        }
    }

    /** The provider's pause ended: an open breaker starts probing. */
    void pauseEnded(ProviderState provider) {
        if (provider.breaker.onPauseEnded()) {
            changed(provider, "the pause is over; one call goes as the probe");
        }
    }

    /** An operator changed the threshold; 0 closes the breaker (a running pause ends on its own). */
    void thresholdSet(ProviderState provider, int threshold) {
        if (threshold == 0 && provider.breaker.turnOff()) {
            for (Permit call = provider.calls.oldest(); call != null; call = call.next) {
                call.probe = false; // a probe of before must not free a later probe's place when it ends
            }
            changed(provider, "the breaker was turned off");
        }
    }

    private void changed(ProviderState provider, String reason) {
        String state = provider.breaker.state().label();
        lock.outbox().event(l -> l.breakerChanged(provider.id, state, reason));
    }
}
