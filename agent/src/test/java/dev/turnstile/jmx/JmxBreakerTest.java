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
import dev.turnstile.core.SlotCounter;
import dev.turnstile.core.SlotScheduler;
import dev.turnstile.http.Gate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.management.Attribute;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.Notification;
import javax.management.ObjectName;
import javax.management.RuntimeMBeanException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** The overload breaker over JMX: its attributes, its writable threshold and its notifications. */
@SuppressWarnings("unchecked")
class JmxBreakerTest {

    private final FakeTime time = new FakeTime();
    private final MBeanServer server = MBeanServerFactory.newMBeanServer();
    private final List<Notification> notifications = Collections.synchronizedList(new ArrayList<>());
    private final ObjectName openai = JmxExporter.providerName("openai");
    private SlotScheduler scheduler;
    private RuntimeControl control;
    private JmxExporter exporter;

    @BeforeEach
    void start() throws Exception {
        TurnstileConfig config = TurnstileConfig.builder().presets(false).providers(List.of(
                ProviderConfig.builder("openai").hosts(List.of(HostPattern.parse("api.openai.com"))).limit(2)
                        .breakerFailures(2).build()))
                .build();
        scheduler = new SlotScheduler(SchedulerSettingsMapper.settings(config), time, time, new Random(1),
                SlotCounter.Factory.local());
        config.providers().values().forEach(p -> scheduler.addProvider(SchedulerSettingsMapper.provider(p)));
        control = new RuntimeControl(scheduler, new Gate(scheduler, config));
        exporter = new JmxExporter(server, control);
        exporter.register();
        server.addNotificationListener(openai, (n, handback) -> notifications.add(n), null, null);
    }

    @AfterEach
    void stop() {
        exporter.unregister();
    }

    private Object read(String attribute) throws Exception {
        return server.getAttribute(openai, attribute);
    }

    private void failingCall() {
        Permit permit = scheduler.acquireAsync(CallRequest.of("openai", "a")).join();
        permit.overloaded("HTTP 503");
        permit.release(Outcome.SUCCESS);
    }

    @Test
    void theBreakerIsReadableAndItsOpeningIsAPauseWithAReasonAndANotification() throws Exception {
        assertThat(read("BreakerFailures")).isEqualTo(2);
        assertThat(read("BreakerState")).isEqualTo("closed");

        failingCall();
        assertThat(read("ConsecutiveFailures")).isEqualTo(1);
        failingCall();

        assertThat(read("BreakerState")).isEqualTo("open");
        assertThat(read("BreakerOpened")).isEqualTo(1L);
        assertThat(read("Paused")).isEqualTo(true);
        assertThat((String) read("PauseReason")).startsWith("overloaded: 2 failures in a row, the last HTTP 503");
        assertThat(notifications).extracting(Notification::getType)
                .containsExactly("dev.turnstile.breaker", "dev.turnstile.paused");
        assertThat((Map<String, Object>) notifications.get(0).getUserData()).containsEntry("state", "open");

        time.advanceMillis(1_000);

        assertThat(read("BreakerState")).isEqualTo("probing");
        assertThat(notifications).extracting(Notification::getType).containsSubsequence(
                "dev.turnstile.resumed", "dev.turnstile.breaker");
    }

    @Test
    void theThresholdIsWritableAndWrittenIntoTheConfiguration() throws Exception {
        server.setAttribute(openai, new Attribute("BreakerFailures", 5));

        assertThat(read("BreakerFailures")).isEqualTo(5);
        assertThat(control.config().provider("openai").orElseThrow().breakerFailures()).isEqualTo(5);
    }

    @Test
    void aNegativeThresholdIsRefusedWithAClearMessageAndChangesNothing() throws Exception {
        Throwable thrown = catchThrowable(() -> server.setAttribute(openai, new Attribute("BreakerFailures", -1)));

        Throwable root = thrown instanceof RuntimeMBeanException ? thrown.getCause() : thrown;
        assertThat(root).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("BreakerFailures must be 0 (off) or more, was -1");
        assertThat(read("BreakerFailures")).isEqualTo(2);
    }
}
