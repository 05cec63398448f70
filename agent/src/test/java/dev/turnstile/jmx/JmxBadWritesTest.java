package dev.turnstile.jmx;

import dev.turnstile.config.HostPattern;
import dev.turnstile.config.ProviderConfig;
import dev.turnstile.config.TurnstileConfig;
import dev.turnstile.control.RuntimeControl;
import dev.turnstile.control.SchedulerSettingsMapper;
import dev.turnstile.core.CallRequest;
import dev.turnstile.core.FakeTime;
import dev.turnstile.core.SlotCounter;
import dev.turnstile.core.SlotScheduler;
import dev.turnstile.http.Gate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import javax.management.Attribute;
import javax.management.InvalidAttributeValueException;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.Notification;
import javax.management.ObjectName;
import javax.management.RuntimeMBeanException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Every writable attribute and every operation of both MXBeans, fed bad values: a clear
 * {@link IllegalArgumentException} (what a JMX client sees as the cause of a {@link RuntimeMBeanException}),
 * and every attribute of every Turnstile MBean, the configuration and the notifications unchanged.
 */
class JmxBadWritesTest {

    private static final String[] ADD_SIGNATURE = {"java.lang.String", "java.lang.String", "int"};
    private static final String[] ID_SIGNATURE = {"java.lang.String"};

    private final FakeTime time = new FakeTime();
    private final MBeanServer server = MBeanServerFactory.newMBeanServer();
    private final List<Notification> notifications = Collections.synchronizedList(new ArrayList<>());
    private RuntimeControl control;
    private JmxExporter exporter;

    /** One bad write: an attribute with a value, or an operation with its arguments. */
    interface BadWrite {
        void apply(MBeanServer server) throws Exception;
    }

    @BeforeEach
    void start() throws Exception {
        TurnstileConfig config = TurnstileConfig.builder().presets(false).providers(List.of(
                ProviderConfig.builder("openai").hosts(List.of(HostPattern.parse("api.openai.com"))).limit(2).build()))
                .build();
        SlotScheduler scheduler = new SlotScheduler(SchedulerSettingsMapper.settings(config), time, time, new Random(1),
                SlotCounter.Factory.local());
        config.providers().values().forEach(p -> scheduler.addProvider(SchedulerSettingsMapper.provider(p)));
        control = new RuntimeControl(scheduler, new Gate(scheduler, config));
        exporter = new JmxExporter(server, control);
        exporter.register();
        // Some traffic, so that counters, the agents table and the queue are not all zero.
        for (String agent : List.of("a", "b", "c")) {
            scheduler.acquireAsync(CallRequest.of("openai", agent));
        }
        server.addNotificationListener(JmxExporter.providerName("openai"), (n, handback) -> notifications.add(n), null, null);
        server.addNotificationListener(JmxExporter.turnstileName(), (n, handback) -> notifications.add(n), null, null);
    }

    @AfterEach
    void stop() {
        exporter.unregister();
    }

    static Stream<Arguments> badWrites() {
        ObjectName openai = JmxExporter.providerName("openai");
        ObjectName turnstile = JmxExporter.turnstileName();
        List<Arguments> writes = new ArrayList<>();
        for (int limit : new int[] {-1, Integer.MIN_VALUE}) {
            writes.add(write(openai, "Limit", limit, String.valueOf(limit)));
            writes.add(write(turnstile, "GlobalLimit", limit, String.valueOf(limit)));
            writes.add(addProvider("mistral", "api.mistral.ai", limit, String.valueOf(limit)));
        }
        for (long millis : new long[] {0, -1, Long.MIN_VALUE, Long.MAX_VALUE}) {
            writes.add(write(openai, "MaxHoldMillis", millis, "MaxHoldMillis"));
            writes.add(invoke(openai, "pause", new Object[] {millis}, new String[] {"long"}, String.valueOf(millis)));
        }
        for (long millis : new long[] {-1, Long.MIN_VALUE, Long.MAX_VALUE}) {
            writes.add(write(openai, "QueueTimeoutMillis", millis, "QueueTimeoutMillis"));
        }
        for (int budget : new int[] {-1, Integer.MIN_VALUE}) {
            writes.add(write(openai, "Rpm", budget, "rpm"));
            writes.add(write(openai, "Tpm", (long) budget, "tpm"));
        }
        for (String hosts : new String[] {null, "", " ", ",", "https://api.openai.com/v1", "llm:99999", "a b", "*.",
            "api.openai.com,,*"}) {
            writes.add(write(openai, "Hosts", hosts, "host"));
            writes.add(addProvider("mistral", hosts, 1, "host"));
        }
        writes.add(addProvider("openai", "x.example.com", 1, "already exists"));
        for (String id : new String[] {null, "", " ", "Bad_Id", "a.b", "name=x,type=y", "-x"}) {
            writes.add(addProvider(id, "x.example.com", 1, "provider id"));
        }
        for (String id : new String[] {null, "", "nope", "OPENAI"}) {
            writes.add(invoke(turnstile, "removeProvider", new Object[] {id}, ID_SIGNATURE, "unknown provider"));
        }
        return writes.stream();
    }

    private static Arguments write(ObjectName name, String attribute, Object value, String messagePart) {
        return Arguments.of(attribute + " = " + value, (BadWrite) s -> s.setAttribute(name, new Attribute(attribute, value)),
                messagePart);
    }

    private static Arguments addProvider(String id, String hosts, int limit, String messagePart) {
        return invoke(JmxExporter.turnstileName(), "addProvider", new Object[] {id, hosts, limit}, ADD_SIGNATURE,
                messagePart);
    }

    private static Arguments invoke(ObjectName name, String operation, Object[] arguments, String[] signature,
            String messagePart) {
        return Arguments.of(operation + Arrays.toString(arguments),
                (BadWrite) s -> s.invoke(name, operation, arguments, signature), messagePart);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badWrites")
    void aBadWriteIsAClearIllegalArgumentAndChangesNothing(String description, BadWrite badWrite, String messagePart)
            throws Exception {
        Map<String, Object> before = everyAttribute();
        TurnstileConfig configBefore = control.config();

        Throwable thrown = catchThrowable(() -> badWrite.apply(server));

        assertThat(thrown).as(description).isInstanceOf(RuntimeMBeanException.class);
        assertThat(thrown.getCause()).as(description).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(messagePart);
        assertThat(thrown.getCause().getMessage()).as(description).containsAnyOf("expected", "must", "already exists", "known:")
                .doesNotContain("Exception").doesNotContain("\n");
        assertThat(everyAttribute()).as(description).isEqualTo(before);
        assertThat(control.config()).as(description).isEqualTo(configBefore);
        assertThat(notifications).as(description).isEmpty();
    }

    @Test
    void aValueOfTheWrongTypeIsRefusedByTheServerAndChangesNothing() throws Exception {
        Map<String, Object> before = everyAttribute();

        Throwable thrown = catchThrowable(() -> server.setAttribute(JmxExporter.providerName("openai"),
                new Attribute("Limit", "4")));

        assertThat(thrown).isInstanceOf(InvalidAttributeValueException.class);
        assertThat(everyAttribute()).isEqualTo(before);
    }

    /** Every readable attribute of every Turnstile MBean, arrays as lists so that they compare by content. */
    private Map<String, Object> everyAttribute() throws Exception {
        Map<String, Object> values = new TreeMap<>();
        for (ObjectName name : server.queryNames(new ObjectName("dev.turnstile:*"), null)) {
            for (MBeanAttributeInfo attribute : server.getMBeanInfo(name).getAttributes()) {
                Object value = server.getAttribute(name, attribute.getName());
                values.put(name + "/" + attribute.getName(),
                        value instanceof Object[] ? Arrays.asList((Object[]) value) : value);
            }
        }
        return values;
    }
}
