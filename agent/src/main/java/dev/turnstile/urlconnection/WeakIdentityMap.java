package dev.turnstile.urlconnection;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A concurrent map from objects, compared by identity and held weakly, to values. An entry goes
 * when its key is collected (cleared keys are purged on every write), so the map never keeps a
 * key alive, provided the value holds no strong reference back to its key.
 */
final class WeakIdentityMap<K, V> {

    private final ConcurrentHashMap<Object, V> entries = new ConcurrentHashMap<>();
    private final ReferenceQueue<K> cleared = new ReferenceQueue<>();

    V get(K key) {
        if (entries.isEmpty()) {
            return null; // the common case for applications without gated calls: no allocation
        }
        return entries.get(new Lookup(key));
    }

    void put(K key, V value) {
        purge();
        entries.put(new WeakKey<>(key, cleared), value);
    }

    V remove(K key) {
        purge();
        return entries.isEmpty() ? null : entries.remove(new Lookup(key));
    }

    int size() {
        purge();
        return entries.size();
    }

    private void purge() {
        for (Reference<? extends K> ref; (ref = cleared.poll()) != null; ) {
            entries.remove(ref);
        }
    }

    /** The stored key: equal to itself, and to a {@link Lookup} of the same live object. */
    private static final class WeakKey<K> extends WeakReference<K> {
        private final int hash;

        WeakKey(K key, ReferenceQueue<K> queue) {
            super(key, queue);
            this.hash = System.identityHashCode(key);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object other) {
            if (other == this) {
                return true;
            }
            Object referent = get();
            if (referent == null) {
                return false; // cleared: equal only to itself, so that the purge finds it
            }
            return other instanceof Lookup ? ((Lookup) other).key == referent
                    : other instanceof WeakKey && ((WeakKey<?>) other).get() == referent;
        }
    }

    /** A short-lived strong key for reads and removals. */
    private static final class Lookup {
        private final Object key;

        Lookup(Object key) {
            this.key = key;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(key);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof WeakKey && ((WeakKey<?>) other).get() == key;
        }
    }
}
