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
import dev.turnstile.jmx.FleetBean;
import dev.turnstile.jmx.JmxExporter;
import dev.turnstile.log.Logs;
import dev.turnstile.redis.SharedLimits;
import org.slf4j.Logger;

import java.lang.instrument.Instrumentation;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
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

    /**
     * Called reflectively by the bootstrap launcher. Never throws. Returns what happened, for an
     * attacher to report: {@code started}, {@code disabled} or {@code failed} on the first line,
     * then the line that was logged, then every warning, one a line.
     */
    public static String start(String arguments, Instrumentation instrumentation, boolean dynamic) {
        List<String> warnings = new ArrayList<>();
        try {
            LoadedConfig loaded = ConfigLoader.load(arguments, systemProperties(), System.getenv());
            TurnstileConfig config = loaded.config();
            Logs.configure(config.logLevel());
            Logger log = Logs.get(TurnstileAgent.class);
            for (String problem : loaded.problems()) {
                warn(log, warnings, "configuration: " + problem);
            }
            if (!config.enabled()) {
                String disabled = "Turnstile " + version() + " is disabled (turnstile.enabled=false): nothing installed";
                log.info("{}", disabled);
                return report("disabled", disabled, warnings);
            }
            ExecutorTimerService timer = new ExecutorTimerService("turnstile-timer");
            SharedLimits shared = config.redis().isPresent() ? new SharedLimits(config.redis().get()) : null;
            SlotScheduler scheduler = shared == null ? new SlotScheduler(SchedulerSettingsMapper.settings(config), timer)
                    : new SlotScheduler(SchedulerSettingsMapper.settings(config), timer, shared.backend());
            for (ProviderConfig provider : config.providers().values()) {
                scheduler.addProvider(SchedulerSettingsMapper.provider(provider));
            }
            if (shared != null) {
                SharedLimitsWarnings.of(config).forEach(warning -> warn(log, warnings, warning));
                shared.start(scheduler);
            }
            Gate gate = new Gate(scheduler, config);
            RuntimeControl control = new RuntimeControl(scheduler, gate);
            if (config.persist()) {
                if (config.configFile().isPresent()) {
                    control.onChange(new ConfigPersister(config.configFile().get()));
                } else {
                    warn(log, warnings, "turnstile.persist=true needs turnstile.config=PATH; runtime changes will not be saved");
                }
            }
            List<ClientInstrumentation> clients = ClientFamilies.load(TurnstileAgent.class.getClassLoader(),
                    problem -> warn(log, warnings, "client family left out: " + problem));
            Installer installer = new Installer();
            installer.install(instrumentation, gate, clients);
            running = new TurnstileAgent(control);
            // Off the premain thread: touching the platform MBeanServer this early would fix JMX and
            // logging choices before the application (an application server, say) made its own.
            Callable<?> fleetBean = shared == null ? null : fleetBean(shared);
            timer.schedule(() -> registerMBeans(control, fleetBean, log), 0);
            String started = "Turnstile " + version() + " started" + (dynamic ? " (attached)" : "")
                    + StartLine.describe(config, loaded.problems().size()) + "; clients: " + describeClients(clients)
                    + UngatedLibraries.describe(ClassLoader.getSystemClassLoader());
            log.info("{}", started);
            reportTransformErrors(installer, timer, log);
            return report("started", started, warnings);
        } catch (Throwable failure) {
            String message = "the agent could not start and is inactive: " + failure;
            System.err.println("[turnstile] ERROR " + message);
            return report("failed", message, warnings);
        }
    }

    private static void warn(Logger log, List<String> warnings, String warning) {
        log.warn("{}", warning);
        warnings.add(warning);
    }

    private static String report(String outcome, String summary, List<String> warnings) {
        StringBuilder report = new StringBuilder(outcome).append('\n').append(summary.replace('\n', ' '));
        for (String warning : warnings) {
            report.append('\n').append(warning.replace('\n', ' '));
        }
        return report.toString();
    }

    /** The running agent, or null. */
    public static TurnstileAgent running() {
        return running;
    }

    public RuntimeControl control() {
        return control;
    }

    /**
     * The Fleet MBean's registration, made only with shared limits: a lambda that captured
     * {@link SharedLimits} itself would load that class at every start, URL or not (its call site
     * names the type), which the footprint benchmark saw.
     */
    private static Callable<?> fleetBean(SharedLimits shared) {
        return () -> {
            FleetBean.register(ManagementFactory.getPlatformMBeanServer(), shared.fleet(), shared.namespace());
            return null;
        };
    }

    private static void registerMBeans(RuntimeControl control, Callable<?> fleetBean, Logger log) {
        try {
            new JmxExporter(ManagementFactory.getPlatformMBeanServer(), control).register();
            if (fleetBean != null) {
                fleetBean.call();
            }
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
