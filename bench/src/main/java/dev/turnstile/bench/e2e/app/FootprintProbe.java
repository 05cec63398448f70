package dev.turnstile.bench.e2e.app;

import java.lang.management.ManagementFactory;

/**
 * An application that has just started: it settles the heap with full GCs, prints
 * {@code heap BYTES classes COUNT} (used heap, classes loaded so far), then waits until its
 * standard input ends, so the parent can look at it with {@code jcmd} meanwhile.
 */
public final class FootprintProbe {

    private FootprintProbe() {
    }

    public static void main(String[] args) throws Exception {
        long heap = SettledHeap.usedBytes();
        int classes = ManagementFactory.getClassLoadingMXBean().getLoadedClassCount();
        System.out.println("heap " + heap + " classes " + classes);
        System.out.flush();
        while (System.in.read() >= 0) {
            // the parent closes our standard input when it has seen enough
        }
    }
}
