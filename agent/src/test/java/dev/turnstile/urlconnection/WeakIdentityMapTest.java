package dev.turnstile.urlconnection;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WeakIdentityMapTest {

    @Test
    void keysAreComparedByIdentityNotEquality() {
        WeakIdentityMap<Object, String> map = new WeakIdentityMap<>();
        String key = new String("conn");
        String equalKey = new String("conn");
        map.put(key, "state");

        assertThat(map.get(key)).isEqualTo("state");
        assertThat(map.get(equalKey)).isNull();
    }

    @Test
    void putReplacesTheValueOfTheSameKey() {
        WeakIdentityMap<Object, String> map = new WeakIdentityMap<>();
        Object key = new Object();
        map.put(key, "first");
        map.put(key, "second");

        assertThat(map.get(key)).isEqualTo("second");
        assertThat(map.size()).isEqualTo(1);
    }

    @Test
    void removeReturnsAndForgetsTheValue() {
        WeakIdentityMap<Object, String> map = new WeakIdentityMap<>();
        Object key = new Object();
        map.put(key, "state");

        assertThat(map.remove(key)).isEqualTo("state");
        assertThat(map.get(key)).isNull();
        assertThat(map.remove(key)).isNull();
    }

    @Test
    void anEntryGoesWhenItsKeyIsCollected() throws InterruptedException {
        WeakIdentityMap<Object, String> map = new WeakIdentityMap<>();
        Object kept = new Object();
        map.put(kept, "kept");
        map.put(new Object(), "dropped");

        for (int i = 0; i < 50 && map.size() > 1; i++) {
            System.gc();
            Thread.sleep(20);
        }

        assertThat(map.size()).isEqualTo(1);
        assertThat(map.get(kept)).isEqualTo("kept");
    }
}
