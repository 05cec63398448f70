package dev.turnstile.bench.e2e;

import java.util.ArrayList;
import java.util.List;

/** One way of starting the measured JVM: a short name, what it means, its JVM options. */
record Configuration(String name, String description, List<String> jvmOptions) {

    Configuration {
        jvmOptions = List.copyOf(jvmOptions);
    }

    /**
     * The configurations in the order of one round, turned by the round's number, so that no
     * configuration always runs first (or always right after another).
     */
    static List<Configuration> inRound(List<Configuration> configurations, int round) {
        List<Configuration> order = new ArrayList<>();
        for (int i = 0; i < configurations.size(); i++) {
            order.add(configurations.get((i + round) % configurations.size()));
        }
        return order;
    }
}
