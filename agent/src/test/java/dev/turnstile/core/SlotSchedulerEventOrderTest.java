package dev.turnstile.core;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.assertj.core.api.Assertions.assertThat;

/** Listeners hear the scheduler's changes in the order they were made, whoever made them. */
class SlotSchedulerEventOrderTest {

    private final SchedulerHarness h = new SchedulerHarness().provider("openai", 8);

    @Test
    void aChangeMadeFromInsideAnEventIsHeardAfterThatEventByEveryListener() {
        h.scheduler.addListener(new SchedulerListener() {
            @Override
            public void limitChanged(String provider, int oldLimit, int newLimit, boolean adaptive) {
                if (newLimit == 7) {
                    h.scheduler.setLimit("openai", 5); // an operator's tool reacting to a notification
                }
            }
        });
        List<String> heard = new ArrayList<>();
        h.scheduler.addListener(new SchedulerListener() {
            @Override
            public void limitChanged(String provider, int oldLimit, int newLimit, boolean adaptive) {
                heard.add(oldLimit + " -> " + newLimit);
            }
        });

        h.scheduler.setLimit("openai", 7);

        assertThat(heard).containsExactly("8 -> 7", "7 -> 5");
    }

    @Test
    void changesFromTwoThreadsAreHeardAsOneUnbrokenChain() throws InterruptedException {
        Queue<int[]> heard = new ConcurrentLinkedQueue<>();
        h.scheduler.addListener(new SchedulerListener() {
            @Override
            public void limitChanged(String provider, int oldLimit, int newLimit, boolean adaptive) {
                heard.add(new int[] {oldLimit, newLimit});
            }
        });
        int changesPerThread = 2_000;
        Thread low = new Thread(() -> {
            for (int i = 0; i < changesPerThread; i++) {
                h.scheduler.setLimit("openai", 1 + i % 50);
            }
        });
        Thread high = new Thread(() -> {
            for (int i = 0; i < changesPerThread; i++) {
                h.scheduler.setLimit("openai", 100 + i % 50);
            }
        });
        low.start();
        high.start();
        low.join(60_000);
        high.join(60_000);

        // Every event starts where the one before it ended: none overtook another.
        assertThat(heard).hasSize(2 * changesPerThread);
        int expectedOld = 8;
        for (int[] change : heard) {
            assertThat(change[0]).as("old limit of a change").isEqualTo(expectedOld);
            expectedOld = change[1];
        }
        assertThat(expectedOld).isEqualTo(h.scheduler.settingsOf("openai").limit());
    }
}
