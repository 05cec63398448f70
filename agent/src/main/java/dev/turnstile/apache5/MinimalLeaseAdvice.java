package dev.turnstile.apache5;

import dev.turnstile.bootstrap.Apache5Bridge;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code MinimalHttpAsyncClient.leaseEndpoint(host, ...)}, which every exchange of
 * that client runs through: it cannot be gated, so its traffic to a provider is reported.
 */
public final class MinimalLeaseAdvice {

    private MinimalLeaseAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.This Object client, @Advice.Argument(0) Object host) {
        Apache5Bridge.ungatedLease(client, host);
    }
}
