package dev.turnstile.micrometer;

import dev.turnstile.bootstrap.MicrometerBridge;
import dev.turnstile.extension.LibraryHelper;
import dev.turnstile.log.FailOpen;

/** Hands a composite registry to the binder defined next to its Micrometer. */
final class MicrometerHooks implements MicrometerBridge.Hooks {

    private static final String WHERE = "micrometer meters";

    private final LibraryHelper<MeterBinding> binders = new LibraryHelper<>(MeterBinding.class,
            "dev.turnstile.micrometer.library.TurnstileMeters", WHERE);

    @Override
    public void registryAdded(Object composite) {
        try {
            MeterBinding binding = binders.of(composite.getClass());
            if (binding != null) {
                binding.registryAdded(composite);
            }
        } catch (Throwable failure) {
            FailOpen.report(WHERE, failure); // the application's metrics go on without ours
        }
    }
}
