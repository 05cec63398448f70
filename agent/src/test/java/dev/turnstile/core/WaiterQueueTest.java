package dev.turnstile.core;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class WaiterQueueTest {

    private static Waiter waiter(long turnStart, long sequence) {
        return new Waiter(null, null, turnStart, sequence, 0) {
            @Override
            void deliver() {
            }
        };
    }

    @Test
    void pollsInTurnThenArrivalOrderWhateverTheInsertionOrder() {
        WaiterQueue queue = new WaiterQueue();
        List<Waiter> expected = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            expected.add(waiter(i / 10, i));
        }
        List<Waiter> shuffled = new ArrayList<>(expected);
        Collections.shuffle(shuffled, new Random(42));
        shuffled.forEach(queue::add);

        List<Waiter> polled = new ArrayList<>();
        while (!queue.isEmpty()) {
            polled.add(queue.poll());
        }

        assertThat(polled).containsExactlyElementsOf(expected);
    }

    @Test
    void removesFromTheMiddleAndKeepsHeapOrder() {
        WaiterQueue queue = new WaiterQueue();
        Random random = new Random(7);
        List<Waiter> all = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            Waiter w = waiter(random.nextInt(100), i);
            all.add(w);
            queue.add(w);
        }
        List<Waiter> kept = new ArrayList<>();
        for (Waiter w : all) {
            if (random.nextBoolean()) {
                assertThat(queue.remove(w)).isTrue();
                assertThat(w.heapIndex).isEqualTo(-1);
            } else {
                kept.add(w);
            }
        }
        Collections.sort(kept);

        List<Waiter> polled = new ArrayList<>();
        while (!queue.isEmpty()) {
            polled.add(queue.poll());
        }
        assertThat(polled).containsExactlyElementsOf(kept);
    }

    @Test
    void removingAWaiterThatIsNotQueuedChangesNothing() {
        WaiterQueue queue = new WaiterQueue();
        Waiter queued = waiter(1, 1);
        queue.add(queued);
        Waiter stranger = waiter(0, 0);

        assertThat(queue.remove(stranger)).isFalse();
        assertThat(queue.poll()).isSameAs(queued);
        assertThat(queue.remove(queued)).as("already polled").isFalse();
    }

    @Test
    void drainEmptiesHeadFirst() {
        WaiterQueue queue = new WaiterQueue();
        Waiter late = waiter(5, 1);
        Waiter early = waiter(1, 2);
        queue.add(late);
        queue.add(early);

        assertThat(queue.drain()).containsExactly(early, late);
        assertThat(queue.size()).isZero();
    }
}
