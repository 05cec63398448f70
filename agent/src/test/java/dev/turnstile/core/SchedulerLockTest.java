package dev.turnstile.core;

import dev.turnstile.core.time.TimeSource;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A section decides under the lock and tells others after it; it sees one instant. */
class SchedulerLockTest {

    private final List<SchedulerListener> listeners = new CopyOnWriteArrayList<>();
    private final List<String> clockReads = new ArrayList<>();
    private long nanos = 5;
    private final TimeSource clock = new TimeSource() {
        @Override
        public long nanoTime() {
            clockReads.add("read");
            return nanos++;
        }

        @Override
        public long epochMillis() {
            return 0;
        }
    };
    private final SchedulerLock lock = new SchedulerLock(clock, listeners);

    @Test
    void whatASectionDecidedIsToldAfterTheLockIsReleased() {
        List<Boolean> heldWhenTold = new ArrayList<>();
        listeners.add(new SchedulerListener() {
            @Override
            public void resumed(String provider) {
                heldWhenTold.add(lock.isHeldByCurrentThread());
            }
        });

        lock.run(() -> {
            lock.outbox().event(l -> l.resumed("openai"));
            assertThat(heldWhenTold).as("not while the section runs").isEmpty();
        });

        assertThat(heldWhenTold).containsExactly(false);
    }

    @Test
    void aSectionSeesOneInstantAndTheNextSectionANewOne() {
        long[] seen = new long[3];

        lock.run(() -> {
            seen[0] = lock.now();
            seen[1] = lock.now();
        });
        lock.run(() -> seen[2] = lock.now());

        assertThat(seen[0]).isEqualTo(seen[1]);
        assertThat(seen[2]).isGreaterThan(seen[1]);
        assertThat(clockReads).hasSize(2);
    }

    @Test
    void aSectionThatNeedsNoTimeReadsNoClock() {
        lock.run(() -> { });

        assertThat(clockReads).isEmpty();
    }

    @Test
    void whatWasDecidedBeforeASectionFailedIsStillTold() {
        List<String> told = new ArrayList<>();
        listeners.add(new SchedulerListener() {
            @Override
            public void providerAdded(String provider) {
                told.add(provider);
            }
        });

        assertThatThrownBy(() -> lock.run(() -> {
            lock.outbox().event(l -> l.providerAdded("openai"));
            throw new IllegalArgumentException("bad write");
        })).hasMessage("bad write");

        assertThat(told).containsExactly("openai");
        assertThat(lock.isHeldByCurrentThread()).isFalse();
    }

    @Test
    void aSectionMayAnswer() {
        assertThat(lock.call(() -> lock.isHeldByCurrentThread())).isTrue();
        assertThat(lock.isHeldByCurrentThread()).isFalse();
    }
}
