package dev.turnstile.jmx;

import dev.turnstile.config.HostPattern;
import dev.turnstile.config.ProviderConfig;
import dev.turnstile.config.TurnstileConfig;
import dev.turnstile.control.RuntimeControl;
import dev.turnstile.control.SchedulerSettingsMapper;
import dev.turnstile.core.CallRequest;
import dev.turnstile.core.FakeTime;
import dev.turnstile.core.Outcome;
import dev.turnstile.core.Permit;
import dev.turnstile.core.SchedulerListener;
import dev.turnstile.core.SlotCounter;
import dev.turnstile.core.SlotScheduler;
import dev.turnstile.http.Gate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.management.Attribute;
import javax.management.MBeanInfo;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.Notification;
import javax.management.ObjectName;
import javax.management.RuntimeMBeanException;
import javax.management.openmbean.CompositeData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

@SuppressWarnings("unchecked")
class JmxExporterTest {

    private final FakeTime time = new FakeTime();
    private final MBeanServer server = MBeanServerFactory.newMBeanServer();
    private final List<Notification> notifications = Collections.synchronizedList(new ArrayList<>());
    private SlotScheduler scheduler;
    private RuntimeControl control;
    private JmxExporter exporter;
    private final ObjectName openai = JmxExporter.providerName("openai");

    @BeforeEach
    void start() throws Exception {
        TurnstileConfig config = TurnstileConfig.builder().presets(false).providers(List.of(
                ProviderConfig.builder("openai").hosts(List.of(HostPattern.parse("api.openai.com"))).limit(2).build()))
                .build();
        scheduler = new SlotScheduler(SchedulerSettingsMapper.settings(config), time, time, new Random(1),
                SlotCounter.Factory.local());
        config.providers().values().forEach(p -> scheduler.addProvider(SchedulerSettingsMapper.provider(p)));
        control = new RuntimeControl(scheduler, new Gate(scheduler, config));
        exporter = new JmxExporter(server, control);
        exporter.register();
        server.addNotificationListener(openai, (n, handback) -> notifications.add(n), null, null);
        server.addNotificationListener(JmxExporter.turnstileName(), (n, handback) -> notifications.add(n), null, null);
    }

    @AfterEach
    void stop() {
        exporter.unregister();
    }

    private Object read(ObjectName name, String attribute) throws Exception {
        return server.getAttribute(name, attribute);
    }

    private static Throwable rootOf(Throwable thrown) {
        return thrown instanceof RuntimeMBeanException ? thrown.getCause() : thrown;
    }

    @Test
    void everyAttributeOfTheContractIsReadableAsAnOpenType() throws Exception {
        for (String attribute : List.of("Limit", "EffectiveLimit", "InFlight", "Queued", "Paused",
                "PauseRemainingMillis", "PauseReason", "Hosts", "MaxHoldMillis", "QueueTimeoutMillis", "Started", "Completed",
                "Failed", "RateLimited", "Reclaimed", "Abandoned", "TimedOut", "Cancelled", "WaitP50Millis", "WaitP99Millis",
                "HoldP50Millis", "HoldP99Millis", "StartedTotal", "CompletedTotal", "FailedTotal", "RateLimitedTotal",
                "ReclaimedTotal", "AbandonedTotal", "TimedOutTotal", "CancelledTotal", "PausesTotal", "WaitP50Millis1m",
                "WaitP99Millis1m", "HoldP50Millis1m", "HoldP99Millis1m", "Rpm", "Tpm", "RpmRemaining", "TpmRemaining",
                "BudgetHold")) {
            assertThat(read(openai, attribute)).as(attribute).isNotNull();
        }
        assertThat(read(openai, "Limit")).isEqualTo(2);
        assertThat(read(openai, "Hosts")).isEqualTo("api.openai.com");
        assertThat(read(openai, "MaxHoldMillis")).isEqualTo(600_000L);
        ObjectName turnstile = JmxExporter.turnstileName();
        assertThat(read(turnstile, "Enabled")).isEqualTo(true);
        assertThat((String[]) read(turnstile, "ProviderIds")).containsExactly("openai");
        assertThat(read(turnstile, "GlobalInFlight")).isEqualTo(0);
    }

    @Test
    void writingTheLimitTakesEffectAtOnceAndIsAnnounced() throws Exception {
        scheduler.acquireAsync(CallRequest.of("openai", "a"));
        scheduler.acquireAsync(CallRequest.of("openai", "b"));
        scheduler.acquireAsync(CallRequest.of("openai", "c"));
        assertThat(read(openai, "Queued")).isEqualTo(1);

        server.setAttribute(openai, new Attribute("Limit", 3));

        assertThat(read(openai, "InFlight")).isEqualTo(3);
        assertThat(control.config().provider("openai").orElseThrow().limit()).isEqualTo(3);
        assertThat(notifications).anySatisfy(n -> {
            assertThat(n.getType()).isEqualTo("dev.turnstile.limit-changed");
            assertThat(n.getMessage()).contains("openai limit 2 -> 3");
            assertThat((Map<String, Object>) n.getUserData()).containsEntry("newLimit", 3).containsEntry("adaptive", false);
        });
    }

    @Test
    void writingTheBudgetsHoldsTheLineAndSaysWhy() throws Exception {
        server.setAttribute(openai, new Attribute("Rpm", 1));
        server.setAttribute(openai, new Attribute("Tpm", 50_000L));
        scheduler.acquireAsync(CallRequest.of("openai", "a").withTokenEstimate(1_000));
        scheduler.acquireAsync(CallRequest.of("openai", "b"));

        assertThat(read(openai, "Queued")).isEqualTo(1);
        assertThat(read(openai, "RpmRemaining")).isEqualTo(0L);
        assertThat(read(openai, "TpmRemaining")).isEqualTo(49_000L);
        assertThat((String) read(openai, "BudgetHold")).startsWith("request budget: 1 of rpm 1");
        assertThat(control.config().provider("openai").orElseThrow().rpm()).isEqualTo(1);

        server.setAttribute(openai, new Attribute("Rpm", 0));

        assertThat(read(openai, "Queued")).isEqualTo(0);
        assertThat(read(openai, "RpmRemaining")).isEqualTo(-1L);
        assertThat(read(openai, "BudgetHold")).isEqualTo("");
    }

    @Test
    void badWritesFailWithAClearMessageAndChangeNothing() throws Exception {
        Throwable negative = catchThrowable(() -> server.setAttribute(openai, new Attribute("Limit", -1)));
        assertThat(rootOf(negative)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
        Throwable badPause = catchThrowable(() -> server.invoke(openai, "pause", new Object[] {-5L},
                new String[] {"long"}));
        assertThat(rootOf(badPause)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-5");
        Throwable emptyHosts = catchThrowable(() -> server.setAttribute(openai, new Attribute("Hosts", " ")));
        assertThat(rootOf(emptyHosts)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not a valid host list");
        Throwable badHold = catchThrowable(() -> server.setAttribute(openai, new Attribute("MaxHoldMillis", 0L)));
        assertThat(rootOf(badHold)).isInstanceOf(IllegalArgumentException.class);
        ObjectName turnstile = JmxExporter.turnstileName();
        Throwable duplicate = catchThrowable(() -> server.invoke(turnstile, "addProvider",
                new Object[] {"openai", "x.example.com", 1}, new String[] {"java.lang.String", "java.lang.String", "int"}));
        assertThat(rootOf(duplicate)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already exists");
        Throwable unknown = catchThrowable(() -> server.invoke(turnstile, "removeProvider", new Object[] {"nope"},
                new String[] {"java.lang.String"}));
        assertThat(rootOf(unknown)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown provider 'nope'");
        Throwable badGlobal = catchThrowable(() -> server.setAttribute(turnstile, new Attribute("GlobalLimit", -3)));
        assertThat(rootOf(badGlobal)).isInstanceOf(IllegalArgumentException.class);

        assertThat(read(openai, "Limit")).isEqualTo(2);
        assertThat(read(openai, "Hosts")).isEqualTo("api.openai.com");
        assertThat(read(openai, "Paused")).isEqualTo(false);
        assertThat(read(turnstile, "GlobalLimit")).isEqualTo(0);
        assertThat(notifications).isEmpty();
    }

    @Test
    void pauseWithJConsolesDefaultZeroSaysWhatToEnterAndPausesNothing() throws Exception {
        Throwable zero = catchThrowable(() -> server.invoke(openai, "pause", new Object[] {0L}, new String[] {"long"}));

        assertThat(rootOf(zero)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pause must be given a duration in milliseconds > 0, e.g. 30000 for 30 s (was 0); resume() ends a pause");
        assertThat(read(openai, "Paused")).isEqualTo(false);
        assertThat(notifications).isEmpty();
    }

    @Test
    void pauseAndResumeAreOperationsWithNotifications() throws Exception {
        server.invoke(openai, "pause", new Object[] {5_000L}, new String[] {"long"});
        assertThat(read(openai, "Paused")).isEqualTo(true);
        assertThat(read(openai, "PauseRemainingMillis")).isEqualTo(5_000L);
        assertThat(read(openai, "PauseReason")).isEqualTo("paused by an operator");

        server.invoke(openai, "resume", new Object[0], new String[0]);

        assertThat(read(openai, "Paused")).isEqualTo(false);
        assertThat(read(openai, "PauseReason")).isEqualTo("");
        assertThat(notifications).extracting(Notification::getType)
                .containsExactly("dev.turnstile.paused", "dev.turnstile.resumed");
    }

    @Test
    void anAddedProvidersMBeanIsThereWhenTheOperationReturnsEvenWhileAnotherThreadTellsTheEvents() throws Exception {
        // Another thread is telling the scheduler's events (held inside a listener), so this
        // thread's "provider added" waits in line behind it; the MBean must not.
        CountDownLatch telling = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        scheduler.addListener(new SchedulerListener() {
            @Override
            public void paused(String provider, long millis, String reason) {
                telling.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        Thread teller = new Thread(() -> scheduler.pause("openai", 60_000));
        teller.start();
        try {
            assertThat(telling.await(10, TimeUnit.SECONDS)).isTrue();
            ObjectName turnstile = JmxExporter.turnstileName();
            ObjectName mistral = JmxExporter.providerName("mistral");

            server.invoke(turnstile, "addProvider", new Object[] {"mistral", "api.mistral.ai", 3},
                    new String[] {"java.lang.String", "java.lang.String", "int"});
            assertThat(server.isRegistered(mistral)).as("registered when addProvider returns").isTrue();
            assertThat(read(mistral, "Limit")).isEqualTo(3);

            server.invoke(turnstile, "removeProvider", new Object[] {"mistral"}, new String[] {"java.lang.String"});
            assertThat(server.isRegistered(mistral)).as("gone when removeProvider returns").isFalse();
        } finally {
            release.countDown();
            teller.join(10_000);
        }
        assertThat(server.isRegistered(JmxExporter.providerName("mistral")))
                .as("the late events, told afterwards, bring back nothing").isFalse();
    }

    @Test
    void addingAndRemovingAProviderRegistersAndUnregistersItsMBean() throws Exception {
        ObjectName turnstile = JmxExporter.turnstileName();
        server.invoke(turnstile, "addProvider", new Object[] {"mistral", "api.mistral.ai", 3},
                new String[] {"java.lang.String", "java.lang.String", "int"});

        ObjectName mistral = JmxExporter.providerName("mistral");
        assertThat(server.isRegistered(mistral)).isTrue();
        assertThat(read(mistral, "Limit")).isEqualTo(3);
        assertThat((String[]) read(turnstile, "ProviderIds")).containsExactlyInAnyOrder("openai", "mistral");

        server.invoke(turnstile, "removeProvider", new Object[] {"mistral"}, new String[] {"java.lang.String"});

        assertThat(server.isRegistered(mistral)).isFalse();
        assertThat(notifications).extracting(Notification::getType)
                .containsExactly("dev.turnstile.provider-added", "dev.turnstile.provider-removed");
    }

    @Test
    void theWatchdogsReclaimIsAnnounced() throws Exception {
        server.setAttribute(openai, new Attribute("MaxHoldMillis", 1_000L));
        scheduler.acquireAsync(CallRequest.of("openai", "leaky"));

        time.advanceMillis(1_000);

        assertThat(read(openai, "Reclaimed")).isEqualTo(1L);
        assertThat(notifications).anySatisfy(n -> {
            assertThat(n.getType()).isEqualTo("dev.turnstile.reclaimed");
            assertThat((Map<String, Object>) n.getUserData()).containsEntry("agent", "leaky").containsEntry("heldMillis", 1_000L);
        });
    }

    @Test
    void anAbandonedCallCountsAsAbandonedAndReclaimed() throws Exception {
        scheduler.acquireAsync(CallRequest.of("openai", "careless")).join().release(Outcome.ABANDONED);

        assertThat(read(openai, "Abandoned")).isEqualTo(1L);
        assertThat(read(openai, "Reclaimed")).isEqualTo(1L);
    }

    @Test
    void resetStatisticsLeavesTheTotalsAndTheLastMinuteForExporters() throws Exception {
        Permit call = scheduler.acquireAsync(CallRequest.of("openai", "a")).join();
        time.advanceMillis(1_234);
        call.release(Outcome.SUCCESS);

        server.invoke(openai, "resetStatistics", new Object[0], new String[0]);

        assertThat(read(openai, "Started")).isEqualTo(0L);
        assertThat(read(openai, "HoldP99Millis")).isEqualTo(0.0);
        assertThat(read(openai, "StartedTotal")).isEqualTo(1L);
        assertThat(read(openai, "CompletedTotal")).isEqualTo(1L);
        assertThat(read(openai, "HoldP99Millis1m")).as("3 significant digits").isEqualTo(1_230.0);
        assertThat(read(openai, "WaitP99Millis1m")).isEqualTo(0.0);
        MBeanInfo info = server.getMBeanInfo(openai);
        assertThat(Arrays.stream(info.getAttributes()).filter(a -> a.getName().endsWith("1m")))
                .hasSize(4).allSatisfy(a -> assertThat(a.getDescription()).as(a.getName()).contains("last 60 s"));
        assertThat(Arrays.stream(info.getAttributes()).filter(a -> a.getName().endsWith("Total")))
                .hasSize(9).allSatisfy(a -> assertThat(a.getDescription()).as(a.getName()).contains("never reset"));
    }

    @Test
    void theAgentsTableShowsEachAgentsCallsPerProvider() throws Exception {
        scheduler.acquireAsync(CallRequest.of("openai", "planner"));
        time.advanceMillis(1_500);
        scheduler.acquireAsync(CallRequest.of("openai", "planner"));
        scheduler.acquireAsync(CallRequest.of("openai", "coder"));

        CompositeData[] agents = (CompositeData[]) read(JmxExporter.turnstileName(), "Agents");

        assertThat(agents).hasSize(2);
        CompositeData planner = agents[0];
        assertThat(planner.get("agent")).isEqualTo("planner");
        assertThat(planner.get("provider")).isEqualTo("openai");
        assertThat(planner.get("inFlight")).isEqualTo(2);
        assertThat(planner.get("turnAgeMillis")).isEqualTo(1_500L);
        CompositeData coder = agents[1];
        assertThat(coder.get("agent")).isEqualTo("coder");
        assertThat(coder.get("queued")).isEqualTo(1);
    }

    @Test
    void theAgentLinesReadAsSentencesWithTheTurnsAgeNotItsEpoch() throws Exception {
        assertThat((String[]) read(JmxExporter.turnstileName(), "AgentLines")).containsExactly(
                "no agent has a call in flight or queued");
        scheduler.acquireAsync(CallRequest.of("openai", "planner#505"));
        time.advanceMillis(12_345);
        scheduler.acquireAsync(CallRequest.of("openai", "planner#505"));
        scheduler.acquireAsync(CallRequest.of("openai", "coder#7"));

        String[] lines = (String[]) read(JmxExporter.turnstileName(), "AgentLines");

        assertThat(lines).containsExactly(
                "planner#505 -> openai: turn 12.3 s old, 2 calls this turn, 2 in flight, 0 queued",
                "coder#7 -> openai: turn 0 ms old, 1 call this turn, 0 in flight, 1 queued");
        MBeanInfo info = server.getMBeanInfo(JmxExporter.turnstileName());
        assertThat(Arrays.stream(info.getAttributes()).filter(a -> a.getName().startsWith("Agent")))
                .allSatisfy(attribute -> assertThat(attribute.getDescription())
                        .contains("worker-3#505 is the thread worker-3 with id 505"));
    }

    @Test
    void agesAreWrittenInTheUnitAPersonReads() {
        assertThat(AgentLines.age(850)).isEqualTo("850 ms");
        assertThat(AgentLines.age(12_345)).isEqualTo("12.3 s");
        assertThat(AgentLines.age(245_000)).isEqualTo("4 min 05 s");
        assertThat(AgentLines.age(3_720_000)).isEqualTo("1 h 02 min");
    }

    @Test
    void disablingLetsQueuedCallsThrough() throws Exception {
        scheduler.acquireAsync(CallRequest.of("openai", "a"));
        scheduler.acquireAsync(CallRequest.of("openai", "b"));
        Permit third = scheduler.acquireAsync(CallRequest.of("openai", "c")).getNow(null);
        assertThat(third).isNull();

        server.setAttribute(JmxExporter.turnstileName(), new Attribute("Enabled", false));

        assertThat(read(openai, "Queued")).isEqualTo(0);
        assertThat(control.config().enabled()).isFalse();
    }

    @Test
    void attributesAndOperationsCarryDescriptionsAndParameterNames() throws Exception {
        MBeanInfo info = server.getMBeanInfo(openai);
        assertThat(Arrays.stream(info.getAttributes()).filter(a -> a.getName().equals("Limit")).findFirst().orElseThrow()
                .getDescription()).contains("0 = unlimited");
        assertThat(Arrays.stream(info.getAttributes())).allSatisfy(a ->
                assertThat(a.getDescription()).as(a.getName()).isNotEqualTo(a.getName()));
        MBeanOperationInfo pause = Arrays.stream(info.getOperations()).filter(o -> o.getName().equals("pause"))
                .findFirst().orElseThrow();
        assertThat(pause.getSignature()[0].getName()).isEqualTo("millis");
        MBeanOperationInfo add = Arrays.stream(server.getMBeanInfo(JmxExporter.turnstileName()).getOperations())
                .filter(o -> o.getName().equals("addProvider")).findFirst().orElseThrow();
        assertThat(add.getSignature()).extracting(p -> p.getName()).containsExactly("id", "hosts", "limit");
        assertThat(info.getNotifications()[0].getNotifTypes()).contains("dev.turnstile.paused");
    }
}
