package dev.turnstile.micrometer.library;

import dev.turnstile.config.HostPattern;
import dev.turnstile.config.ProviderConfig;
import dev.turnstile.config.TurnstileConfig;
import dev.turnstile.control.RuntimeControl;
import dev.turnstile.control.SchedulerSettingsMapper;
import dev.turnstile.core.CallRequest;
import dev.turnstile.core.FakeTime;
import dev.turnstile.core.Outcome;
import dev.turnstile.core.SlotCounter;
import dev.turnstile.core.SlotScheduler;
import dev.turnstile.http.Gate;
import dev.turnstile.jmx.JmxExporter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The meters against the real MBeans, on a server of the test's own. */
class MBeanMetersTest {

    private final FakeTime time = new FakeTime();
    private final MBeanServer server = MBeanServerFactory.newMBeanServer();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private SlotScheduler scheduler;
    private JmxExporter exporter;

    @BeforeEach
    void start() throws Exception {
        TurnstileConfig config = TurnstileConfig.builder().presets(false).globalLimit(5).providers(List.of(
                ProviderConfig.builder("openai").hosts(List.of(HostPattern.parse("api.openai.com"))).limit(2).build()))
                .build();
        scheduler = new SlotScheduler(SchedulerSettingsMapper.settings(config), time, time, new Random(1),
                SlotCounter.Factory.local());
        config.providers().values().forEach(p -> scheduler.addProvider(SchedulerSettingsMapper.provider(p)));
        exporter = new JmxExporter(server, new RuntimeControl(scheduler, new Gate(scheduler, config)));
        exporter.register();
    }

    @AfterEach
    void stop() {
        exporter.unregister();
    }

    @Test
    void everyMeterReadsAnAttributeTheMBeansHave() throws Exception {
        assertThat(MeterCatalog.PROVIDER).extracting(MeterSpec::attribute)
                .isSubsetOf(attributesOf(JmxExporter.providerName("openai")));
        assertThat(MeterCatalog.GLOBAL).extracting(MeterSpec::attribute)
                .isSubsetOf(attributesOf(JmxExporter.turnstileName()));
    }

    @Test
    void theMetersShowWhatTheMBeansSayWithTheirKindAndUnit() throws Exception {
        scheduler.acquireAsync(CallRequest.of("openai", "a")).join().release(Outcome.SUCCESS);
        scheduler.acquireAsync(CallRequest.of("openai", "b"));
        scheduler.acquireAsync(CallRequest.of("openai", "c"));
        scheduler.acquireAsync(CallRequest.of("openai", "d"));

        new MBeanMeters(server, registry).start();

        assertThat(gauge("turnstile.provider.in_flight").value()).isEqualTo(2);
        assertThat(gauge("turnstile.provider.queued").value()).isEqualTo(1);
        assertThat(gauge("turnstile.provider.limit").value()).isEqualTo(2);
        assertThat(gauge("turnstile.provider.paused").value()).isZero();
        assertThat(registry.get("turnstile.provider.calls.started").tag("provider", "openai").functionCounter())
                .isInstanceOf(FunctionCounter.class).extracting(FunctionCounter::count).isEqualTo(3.0);
        assertThat(registry.get("turnstile.provider.calls.completed").tag("provider", "openai").functionCounter().count())
                .isEqualTo(1.0);
        TimeGauge pause = registry.get("turnstile.provider.pause_remaining").tag("provider", "openai").timeGauge();
        assertThat(pause.baseTimeUnit()).isEqualTo(TimeUnit.SECONDS);
        assertThat(registry.get("turnstile.global.in_flight").gauge().value()).isEqualTo(2);
        assertThat(registry.get("turnstile.global.limit").gauge().value()).isEqualTo(5);
        assertThat(registry.get("turnstile.enabled").gauge().value()).isEqualTo(1);

        server.invoke(JmxExporter.providerName("openai"), "pause", new Object[] {30_000L}, new String[] {"long"});
        assertThat(gauge("turnstile.provider.paused").value()).isEqualTo(1);
        assertThat(pause.value(TimeUnit.MILLISECONDS)).isEqualTo(30_000);
        assertThat(registry.get("turnstile.provider.pauses").tag("provider", "openai").functionCounter().count())
                .isEqualTo(1.0);
    }

    @Test
    void resettingTheStatisticsNeverTurnsACounterBack() throws Exception {
        scheduler.acquireAsync(CallRequest.of("openai", "a")).join().release(Outcome.SUCCESS);
        new MBeanMeters(server, registry).start();
        FunctionCounter started = registry.get("turnstile.provider.calls.started").tag("provider", "openai")
                .functionCounter();

        server.invoke(JmxExporter.providerName("openai"), "resetStatistics", new Object[0], new String[0]);

        assertThat(server.getAttribute(JmxExporter.providerName("openai"), "Started")).isEqualTo(0L);
        assertThat(started.count()).isEqualTo(1.0);
    }

    @Test
    void waitsAndHoldsAreOneMeterEachWithAQuantileTag() throws Exception {
        new MBeanMeters(server, registry).start();

        assertThat(registry.get("turnstile.provider.wait").tag("provider", "openai").timeGauges())
                .extracting(meter -> meter.getId().getTag("quantile")).containsExactlyInAnyOrder("0.5", "0.99");
        assertThat(registry.get("turnstile.provider.hold").tag("quantile", "0.99").timeGauge().baseTimeUnit())
                .isEqualTo(TimeUnit.SECONDS);
    }

    @Test
    void aProviderAddedAtRuntimeGetsItsMetersAndARemovedOneLosesThem() throws Exception {
        new MBeanMeters(server, registry).start();
        ObjectName turnstile = JmxExporter.turnstileName();

        server.invoke(turnstile, "addProvider", new Object[] {"mistral", "api.mistral.ai", 3},
                new String[] {"java.lang.String", "java.lang.String", "int"});
        assertThat(registry.get("turnstile.provider.limit").tag("provider", "mistral").gauge().value()).isEqualTo(3);

        server.invoke(turnstile, "removeProvider", new Object[] {"mistral"}, new String[] {"java.lang.String"});
        assertThat(providersWithMeters()).containsExactly("openai");
    }

    @Test
    void metersOfAnMBeanThatIsGoneShowNoValueRatherThanAWrongOne() throws Exception {
        new MBeanMeters(server, registry).start();
        Gauge inFlight = gauge("turnstile.provider.in_flight");

        exporter.unregister();

        assertThat(inFlight.value()).isNaN();
        assertThat(registry.getMeters()).as("every meter leaves with its MBean").isEmpty();
    }

    private Gauge gauge(String name) {
        return registry.get(name).tag("provider", "openai").gauge();
    }

    private Set<String> providersWithMeters() {
        return registry.getMeters().stream().map(Meter::getId).map(id -> id.getTag("provider"))
                .filter(provider -> provider != null).collect(Collectors.toSet());
    }

    private List<String> attributesOf(ObjectName bean) throws Exception {
        return Arrays.stream(server.getMBeanInfo(bean).getAttributes()).map(MBeanAttributeInfo::getName)
                .collect(Collectors.toList());
    }
}
