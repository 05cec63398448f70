package dev.turnstile.it;

import dev.turnstile.it.apps.BudgetApp;
import dev.turnstile.it.support.ChildJvm;
import dev.turnstile.it.support.Counters;
import dev.turnstile.it.support.MockLlmServer;
import dev.turnstile.it.support.MockLlmServer.Exchange;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code providers.<id>.rpm} in a child JVM ({@link BudgetApp}, JDK {@code HttpClient.send}) against
 * a {@link MockLlmServer}: with rpm 2 and four calls at once, two reach the server at once, the
 * others wait in the agent's queue (no slot limit holds them: the budget does, and says so over
 * JMX), and each reaches the server only once the sliding minute has room: every call ends with
 * its answer, none is refused.
 */
class BudgetIT {

    private static final Path JDK = Paths.get(System.getProperty("java.home"));
    private static final int RPM = 2;
    private static final int CALLS = 4;
    private static final long WINDOW_MILLIS = 60_000;
    /** The agent counts a call when it grants it, the server when the request arrives: a moment later. */
    private static final long CLOCK_SLACK_MILLIS = 1_000;

    @Test
    void theRequestBudgetLetsAtMostRpmCallsStartPerMinuteAndEveryQueuedCallCompletes() throws Exception {
        try (MockLlmServer server = new MockLlmServer()) {
            String agentArgs = "presets=false;providers.test.hosts=127.0.0.1:" + server.port()
                    + ";providers.test.rpm=" + RPM;
            ChildJvm child = ChildJvm.start(JDK, agentArgs, List.of(), BudgetApp.class,
                    server.url("/v1/chat?delayMs=10"), String.valueOf(CALLS), String.valueOf(CALLS - RPM));
            child.awaitExit(Duration.ofMinutes(4));

            AbstractClientIT.assertSucceeded(child);
            assertThat(child.stdout()).as(child.transcript()).contains("QUEUED " + (CALLS - RPM))
                    .anyMatch(line -> line.startsWith("HOLD request budget: 2 of rpm 2"));
            assertThat(child.stdout().stream().filter(line -> line.endsWith("status=200"))).hasSize(CALLS);
            assertThat(Counters.of(child).get("Started")).isEqualTo(CALLS);

            List<Exchange> arrivals = AbstractClientIT.byArrival(server).stream()
                    .filter(exchange -> exchange.method.equals("POST")).toList();
            assertThat(arrivals).hasSize(CALLS);
            for (int i = RPM; i < arrivals.size(); i++) {
                long sinceTheCallRpmBefore = arrivals.get(i).arrivedMillis - arrivals.get(i - RPM).arrivedMillis;
                assertThat(sinceTheCallRpmBefore).as("call %d started a window after call %d\n%s", i, i - RPM,
                        child.transcript()).isGreaterThanOrEqualTo(WINDOW_MILLIS - CLOCK_SLACK_MILLIS);
            }
        }
    }
}
