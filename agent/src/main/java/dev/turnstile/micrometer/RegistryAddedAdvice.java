package dev.turnstile.micrometer;

import dev.turnstile.bootstrap.MicrometerBridge;
import net.bytebuddy.asm.Advice;

/** After {@code CompositeMeterRegistry.add(MeterRegistry)}: the global registry can now show Turnstile's meters. */
public final class RegistryAddedAdvice {

    private RegistryAddedAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@Advice.This Object composite) {
        MicrometerBridge.registryAdded(composite);
    }
}
