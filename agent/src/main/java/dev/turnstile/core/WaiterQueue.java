package dev.turnstile.core;

import java.util.Arrays;

/**
 * A binary min-heap of waiters that knows each waiter's index, so that a waiter that gives up
 * (cancel, interrupt, timeout) leaves in O(log n) instead of the O(n) of
 * {@link java.util.PriorityQueue#remove(Object)}. Guarded by the scheduler's lock.
 */
final class WaiterQueue {

    private Waiter[] heap = new Waiter[8];
    private int size;

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    Waiter peek() {
        return size == 0 ? null : heap[0];
    }

    void add(Waiter waiter) {
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        heap[size] = waiter;
        waiter.heapIndex = size;
        size++;
        siftUp(size - 1);
    }

    Waiter poll() {
        if (size == 0) {
            return null;
        }
        Waiter head = heap[0];
        removeAt(0);
        return head;
    }

    /** Removes {@code waiter} if it is in this queue; true if it was. */
    boolean remove(Waiter waiter) {
        int index = waiter.heapIndex;
        if (index < 0 || index >= size || heap[index] != waiter) {
            return false;
        }
        removeAt(index);
        return true;
    }

    /** Removes every waiter, head first. */
    Waiter[] drain() {
        Waiter[] all = new Waiter[size];
        for (int i = 0; i < all.length; i++) {
            all[i] = poll();
        }
        return all;
    }

    private void removeAt(int index) {
        Waiter removed = heap[index];
        removed.heapIndex = -1;
        size--;
        if (index != size) {
            Waiter last = heap[size];
            heap[index] = last;
            last.heapIndex = index;
            heap[size] = null;
            if (!siftDown(index)) {
                siftUp(index);
            }
        } else {
            heap[size] = null;
        }
        if (heap.length > 64 && size < heap.length / 4) {
            heap = Arrays.copyOf(heap, heap.length / 2); // give memory back after a burst
        }
    }

    private void siftUp(int index) {
        Waiter moving = heap[index];
        while (index > 0) {
            int parent = (index - 1) >>> 1;
            Waiter above = heap[parent];
            if (moving.compareTo(above) >= 0) {
                break;
            }
            heap[index] = above;
            above.heapIndex = index;
            index = parent;
        }
        heap[index] = moving;
        moving.heapIndex = index;
    }

    /** Returns true if the element moved down. */
    private boolean siftDown(int index) {
        int start = index;
        Waiter moving = heap[index];
        int half = size >>> 1;
        while (index < half) {
            int child = 2 * index + 1;
            int right = child + 1;
            if (right < size && heap[right].compareTo(heap[child]) < 0) {
                child = right;
            }
            if (moving.compareTo(heap[child]) <= 0) {
                break;
            }
            heap[index] = heap[child];
            heap[index].heapIndex = index;
            index = child;
        }
        heap[index] = moving;
        moving.heapIndex = index;
        return index != start;
    }
}
