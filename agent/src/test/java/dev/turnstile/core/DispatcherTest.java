package dev.turnstile.core;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Who is granted next, decided from the queues, the pauses and the slot counts alone. */
class DispatcherTest {

    private static final long NOW = 1_000_000_000L;

    private final Providers providers = new Providers();
    private final SlotCounter globalSlots = new LocalSlotCounter();
    private int globalLimit;
    private final Dispatcher dispatcher = new Dispatcher(providers, globalSlots, () -> globalLimit);
    private long sequence;

    private ProviderState provider(String id, int limit) {
        return ProviderStates.add(providers, id, limit);
    }

    private Waiter queue(ProviderState provider, long turnStartMillis) {
        return ProviderStates.queue(providers, provider, turnStartMillis, sequence++, NOW);
    }

    @Test
    void nobodyQueuedMeansNobodyNext() {
        provider("openai", 1);

        assertThat(dispatcher.next(NOW)).isNull();
    }

    @Test
    void theOldestTurnGoesFirstAcrossProviders() {
        ProviderState openai = provider("openai", 1);
        ProviderState anthropic = provider("anthropic", 1);
        queue(openai, 20);
        Waiter older = queue(anthropic, 10);

        assertThat(dispatcher.next(NOW)).isSameAs(older);
    }

    @Test
    void withinATurnTheFirstToArriveGoesFirst() {
        ProviderState openai = provider("openai", 1);
        ProviderState anthropic = provider("anthropic", 1);
        Waiter first = queue(anthropic, 10);
        queue(openai, 10);

        assertThat(dispatcher.next(NOW)).isSameAs(first);
    }

    @Test
    void aFullProviderIsPassedOver() {
        ProviderState openai = provider("openai", 1);
        ProviderState anthropic = provider("anthropic", 1);
        Waiter younger = queue(openai, 20);
        queue(anthropic, 10);
        anthropic.slots.tryTake(1);

        assertThat(dispatcher.next(NOW)).isSameAs(younger);
    }

    @Test
    void aPausedProviderIsPassedOverUntilItsPauseEnds() {
        ProviderState openai = provider("openai", 1);
        ProviderState anthropic = provider("anthropic", 1);
        Waiter younger = queue(openai, 20);
        Waiter older = queue(anthropic, 10);
        anthropic.pause.pauseFor(TimeUnit.SECONDS.toNanos(1), NOW);

        assertThat(dispatcher.next(NOW)).isSameAs(younger);
        assertThat(dispatcher.next(NOW + TimeUnit.SECONDS.toNanos(1))).isSameAs(older);
    }

    @Test
    void theLimitInForceCountsNotTheConfiguredOne() {
        ProviderState openai = provider("openai", 2);
        queue(openai, 10);
        openai.slots.tryTake(2);
        openai.limit.onRateLimited(NOW, NOW); // 2 -> 1 in force, 1 slot taken

        assertThat(dispatcher.hasRoom(openai, NOW)).isFalse();
        assertThat(dispatcher.next(NOW)).isNull();
    }

    @Test
    void anUnlimitedProviderAlwaysHasRoomOfItsOwn() {
        ProviderState ollama = provider("ollama", 0);
        for (int i = 0; i < 100; i++) {
            ollama.slots.tryTake(0);
        }

        assertThat(dispatcher.hasRoom(ollama, NOW)).isTrue();
    }

    @Test
    void aReachedGlobalLimitStopsEveryProvider() {
        globalLimit = 1;
        ProviderState openai = provider("openai", 1);
        ProviderState anthropic = provider("anthropic", 1);
        queue(openai, 10);
        queue(anthropic, 20);
        globalSlots.tryTake(1);

        assertThat(dispatcher.next(NOW)).isNull();
    }

    @Test
    void withoutAGlobalLimitOnlyTheProvidersOwnQueueCanBeAhead() {
        ProviderState openai = provider("openai", 2);
        ProviderState anthropic = provider("anthropic", 2);
        queue(anthropic, 10);

        assertThat(dispatcher.mayStartAtOnce(openai, NOW)).isTrue();
        queue(openai, 10);
        assertThat(dispatcher.mayStartAtOnce(openai, NOW)).isFalse();
    }

    @Test
    void underAGlobalLimitAnyoneQueuedAnywhereMightBeAhead() {
        globalLimit = 5;
        ProviderState openai = provider("openai", 2);
        ProviderState anthropic = provider("anthropic", 2);

        assertThat(dispatcher.mayStartAtOnce(openai, NOW)).isTrue();
        queue(anthropic, 10);
        assertThat(dispatcher.mayStartAtOnce(openai, NOW)).isFalse();
    }

    @Test
    void startingAtOnceStillNeedsRoom() {
        ProviderState openai = provider("openai", 1);
        openai.slots.tryTake(1);

        assertThat(dispatcher.mayStartAtOnce(openai, NOW)).isFalse();
    }
}
