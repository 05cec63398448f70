package dev.turnstile.it.support;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code COUNTERS} line a test application printed through {@code ProviderCounters}, and the invariant
 * every scenario must end in: nothing in flight or queued, and
 * {@code Started = Completed + Failed + Reclaimed}.
 */
public final class Counters {

    private final Map<String, Long> values;

    private Counters(Map<String, Long> values) {
        this.values = values;
    }

    /** True when the child printed counters of a provider (not when it ran without the agent). */
    public static boolean printed(Transcript child) {
        return child.stdout().stream().anyMatch(line -> line.startsWith("COUNTERS ") && !line.equals("COUNTERS none"));
    }

    /** The last {@code COUNTERS} line of the child's output. */
    public static Counters of(Transcript child) {
        List<String> stdout = child.stdout();
        for (int i = stdout.size() - 1; i >= 0; i--) {
            String line = stdout.get(i);
            if (line.startsWith("COUNTERS ")) {
                Map<String, Long> values = new HashMap<>();
                for (String pair : line.substring("COUNTERS ".length()).split(" ")) {
                    int eq = pair.indexOf('=');
                    if (eq > 0) {
                        values.put(pair.substring(0, eq), Long.parseLong(pair.substring(eq + 1)));
                    }
                }
                return new Counters(values);
            }
        }
        throw new AssertionError("the child printed no COUNTERS line\n" + child.transcript());
    }

    public long get(String attribute) {
        Long value = values.get(attribute);
        assertThat(value).as("counter %s in %s", attribute, values).isNotNull();
        return value;
    }

    /** Asserts the end state of every scenario; {@code context} goes into the failure message. */
    public Counters assertSettled(String context) {
        assertThat(get("InFlight")).as("in flight at the end: %s\n%s", values, context).isZero();
        assertThat(get("Queued")).as("queued at the end: %s\n%s", values, context).isZero();
        assertThat(get("Started")).as("Started = Completed + Failed + Reclaimed: %s\n%s", values, context)
                .isEqualTo(get("Completed") + get("Failed") + get("Reclaimed"));
        return this;
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
