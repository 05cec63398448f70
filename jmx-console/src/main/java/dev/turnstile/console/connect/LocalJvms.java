package dev.turnstile.console.connect;

import com.sun.tools.attach.VirtualMachine;
import com.sun.tools.attach.VirtualMachineDescriptor;
import dev.turnstile.console.model.Names;

import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The JVMs of this user on this machine, each marked by whether it runs Turnstile. Looking
 * changes nothing in them: the console reads the properties the Attach API offers (the JVM's
 * arguments, and the address of a local management agent already running) and never starts a
 * management agent here.
 */
public final class LocalJvms {

    /** Whether a JVM runs Turnstile. */
    public enum Turnstile {
        YES, NO, UNKNOWN;

        public String label() {
            return this == UNKNOWN ? "?" : name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** One local JVM: its id, its main class or jar (never its arguments), and the mark. */
    public static final class Jvm {
        private final long pid;
        private final String main;
        private final Turnstile turnstile;
        private final String note;

        Jvm(long pid, String main, Turnstile turnstile, String note) {
            this.pid = pid;
            this.main = main;
            this.turnstile = turnstile;
            this.note = note;
        }

        public long pid() {
            return pid;
        }

        public String main() {
            return main;
        }

        public Turnstile turnstile() {
            return turnstile;
        }

        /** How the mark was found, or why it is unknown. */
        public String note() {
            return note;
        }
    }

    private static final String LOCAL_CONNECTOR = "com.sun.management.jmxremote.localConnectorAddress";
    private final Duration timeout;

    public LocalJvms(Duration timeout) {
        this.timeout = timeout;
    }

    public List<Jvm> list() {
        long self = ProcessHandle.current().pid();
        List<VirtualMachineDescriptor> descriptors = new ArrayList<>();
        for (VirtualMachineDescriptor descriptor : VirtualMachine.list()) {
            if (!descriptor.id().equals(String.valueOf(self)) && descriptor.id().matches("\\d+")) {
                descriptors.add(descriptor);
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(4, descriptors.size())), runnable -> {
            Thread thread = new Thread(runnable, "turnstile-console-list");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<Jvm>> looks = new ArrayList<>();
            for (VirtualMachineDescriptor descriptor : descriptors) {
                looks.add(pool.submit(() -> look(descriptor)));
            }
            List<Jvm> jvms = new ArrayList<>();
            for (int i = 0; i < looks.size(); i++) {
                VirtualMachineDescriptor descriptor = descriptors.get(i);
                try {
                    jvms.add(looks.get(i).get(timeout.toMillis(), TimeUnit.MILLISECONDS));
                } catch (java.util.concurrent.TimeoutException e) {
                    looks.get(i).cancel(true);
                    jvms.add(new Jvm(Long.parseLong(descriptor.id()), main(descriptor.displayName()), Turnstile.UNKNOWN,
                            "no answer within " + timeout.toSeconds() + " s"));
                } catch (java.util.concurrent.ExecutionException e) {
                    jvms.add(new Jvm(Long.parseLong(descriptor.id()), main(descriptor.displayName()), Turnstile.UNKNOWN,
                            Errors.rootMessage(e)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            jvms.sort(Comparator.comparingLong(Jvm::pid));
            return jvms;
        } finally {
            pool.shutdownNow();
        }
    }

    private static Jvm look(VirtualMachineDescriptor descriptor) {
        long pid = Long.parseLong(descriptor.id());
        String main = main(descriptor.displayName());
        Properties properties;
        try {
            VirtualMachine vm = VirtualMachine.attach(descriptor);
            try {
                properties = vm.getAgentProperties();
            } finally {
                vm.detach();
            }
        } catch (Exception e) {
            return new Jvm(pid, main, Turnstile.UNKNOWN, "cannot attach: " + Errors.rootMessage(e));
        }
        String jvmArgs = properties.getProperty("sun.jvm.args", "");
        if (jvmArgs.matches("(?s).*-javaagent:\\S*turnstile-agent[^\\s/=]*\\.jar.*")) {
            return new Jvm(pid, main, Turnstile.YES, "started with -javaagent");
        }
        String address = properties.getProperty(LOCAL_CONNECTOR);
        if (address != null) {
            try (JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(address))) {
                boolean registered = connector.getMBeanServerConnection().isRegistered(Names.TURNSTILE);
                return new Jvm(pid, main, registered ? Turnstile.YES : Turnstile.NO,
                        registered ? "Turnstile MBeans registered (attached at run time)" : "no Turnstile MBeans");
            } catch (Exception e) {
                return new Jvm(pid, main, Turnstile.UNKNOWN, "management agent unreachable: " + Errors.rootMessage(e));
            }
        }
        // Not started with the agent, and no management agent to ask without starting one: a
        // dynamically attached Turnstile would only show here after 'status <pid>' once.
        return new Jvm(pid, main, Turnstile.NO, "no -javaagent; an attached Turnstile shows after 'status " + pid + "'");
    }

    /** The main class or jar: the first word of the display name; its arguments may hold secrets. */
    static String main(String displayName) {
        String trimmed = displayName == null ? "" : displayName.trim();
        int space = trimmed.indexOf(' ');
        String first = space < 0 ? trimmed : trimmed.substring(0, space);
        return first.isEmpty() ? "(unknown)" : first;
    }
}
