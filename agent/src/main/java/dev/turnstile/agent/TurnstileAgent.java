package dev.turnstile.agent;

import dev.turnstile.config.ConfigLoader;
import dev.turnstile.config.LoadedConfig;
import dev.turnstile.config.ProviderConfig;
import dev.turnstile.config.TurnstileConfig;
import dev.turnstile.control.ConfigPersister;
import dev.turnstile.control.RuntimeControl;
import dev.turnstile.control.SchedulerSettingsMapper;
import dev.turnstile.core.SlotScheduler;
import dev.turnstile.core.time.ExecutorTimerService;
import dev.turnstile.extension.ClientInstrumentation;
import dev.turnstile.http.Gate;
import dev.turnstile.jmx.JmxExporter;
import dev.turnstile.log.Logs;
import org.slf4j.Logger;

import java.lang.instrument.Instrumentation;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The agent proper, started by {@code dev.turnstile.bootstrap.AgentBoot} inside its own class
 * loader: reads the configuration, builds the scheduler and the gate, and instruments the HTTP
 * clients. Whatever fails here, the application starts; the agent then stays inactive.
 */
public final class TurnstileAgent {

    private static volatile TurnstileAgent running;

    private final RuntimeControl control;

    private TurnstileAgent(RuntimeControl control) {
        this.control = control;
    }

    /** Called reflectively by the bootstrap launcher. Never throws. */
    public static void start(String arguments, Instrumentation instrumentation, boolean dynamic) {
        try {
            LoadedConfig loaded = ConfigLoader.load(arguments, systemProperties(), System.getenv());
            TurnstileConfig config = loaded.config();
            Logs.configure(config.logLevel());
            Logger log = Logs.get(TurnstileAgent.class);
            for (String problem : loaded.problems()) {
                log.warn("configuration: {}", problem);
            }
            if (!config.enabled()) {
                log.info("Turnstile {} is disabled (turnstile.enabled=false): nothing installed", version());
                return;
            }
            ExecutorTimerService timer = new ExecutorTimerService("turnstile-timer");
            SlotScheduler scheduler = new SlotScheduler(SchedulerSettingsMapper.settings(config), timer);
            for (ProviderConfig provider : config.providers().values()) {
                scheduler.addProvider(SchedulerSettingsMapper.provider(provider));
            }
            Gate gate = new Gate(scheduler, config);
            RuntimeControl control = new RuntimeControl(scheduler, gate);
            if (config.persist()) {
                if (config.configFile().isPresent()) {
                    control.onChange(new ConfigPersister(config.configFile().get()));
                } else {
                    log.warn("turnstile.persist=true needs turnstile.config=PATH; runtime changes will not be saved");
                }
            }
            List<ClientInstrumentation> clients = ClientFamilies.load(TurnstileAgent.class.getClassLoader(),
                    problem -> log.warn("client family left out: {}", problem));
            Installer installer = new Installer();
            installer.install(instrumentation, gate, clients);
            running = new TurnstileAgent(control);
            // Off the premain thread: touching the platform MBeanServer this early would fix JMX and
            // logging choices before the application (an application server, say) made its own.
            timer.schedule(() -> registerMBeans(control, log), 0);
            log.info("Turnstile {} started{}: {}; clients: {}", version(), dynamic ? " (attached)" : "",
                    describeProviders(config), describeClients(clients));
            reportTransformErrors(installer, timer, log);
        } catch (Throwable failure) {
            System.err.println("[turnstile] ERROR the agent could not start and is inactive: " + failure);
        }
    }

    /** The running agent, or null. */
    public static TurnstileAgent running() {
        return running;
    }

    public RuntimeControl control() {
        return control;
    }

    private static void registerMBeans(RuntimeControl control, Logger log) {
        try {
            new JmxExporter(ManagementFactory.getPlatformMBeanServer(), control).register();
            log.debug("MBeans registered under dev.turnstile");
        } catch (Throwable t) {
            log.warn("could not register the JMX MBeans; gating goes on without them: {}", t.toString());
        }
    }

    static String version() {
        // The agent's loader gives each package the jar's Implementation-Version; none outside a jar.
        Package agentPackage = TurnstileAgent.class.getPackage();
        String version = agentPackage == null ? null : agentPackage.getImplementationVersion();
        return version == null ? "(development)" : version;
    }

    private static String describeProviders(TurnstileConfig config) {
        List<String> limited = new ArrayList<>();
        int unlimited = 0;
        for (ProviderConfig provider : config.providers().values()) {
            if (provider.limit() > 0) {
                limited.add(provider.id() + "=" + provider.limit());
            } else {
                unlimited++;
            }
        }
        StringBuilder text = new StringBuilder("limits ");
        text.append(limited.isEmpty() ? "none set" : String.join(", ", limited));
        if (unlimited > 0) {
            text.append(" (").append(unlimited).append(" more providers observed, unlimited)");
        }
        if (config.globalLimit() > 0) {
            text.append(", global ").append(config.globalLimit());
        }
        return text.toString();
    }

    private static String describeClients(List<ClientInstrumentation> clients) {
        List<String> names = new ArrayList<>();
        ClassLoader probe = ClassLoader.getSystemClassLoader();
        for (ClientInstrumentation client : clients) {
            boolean present = probe.getResource(client.library().probeClass().replace('.', '/') + ".class") != null;
            names.add(client.name() + (present ? "" : " (not on the class path)"));
        }
        return String.join(", ", names);
    }

    /**
     * Transformation errors, and families left out of a class loader whose library they do not
     * support, are queued while classes load; they are logged here, outside class loading.
     */
    private static void reportTransformErrors(Installer installer, ExecutorTimerService timer, Logger log) {
        for (String error : installer.drainErrors()) {
            log.warn("could not instrument {}; those calls go through ungated", error);
        }
        for (String skipped : installer.drainSkipped()) {
            log.info("{}", skipped);
        }
        timer.schedule(() -> reportTransformErrors(installer, timer, log), TimeUnit.SECONDS.toNanos(5));
    }

    private static Map<String, String> systemProperties() {
        Map<String, String> map = new HashMap<>();
        Properties properties = System.getProperties();
        for (String name : properties.stringPropertyNames()) {
            if (name.startsWith("turnstile.")) {
                map.put(name, properties.getProperty(name));
            }
        }
        return map;
    }
}
