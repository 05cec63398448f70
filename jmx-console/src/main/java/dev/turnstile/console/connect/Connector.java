package dev.turnstile.console.connect;

import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import dev.turnstile.console.ConsoleException;
import dev.turnstile.console.model.Names;

import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import java.io.IOException;
import java.net.MalformedURLException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Opens a JMX connection to a target and checks that it runs Turnstile. A local process is
 * reached through the Attach API: its local management agent is started when it has none (the
 * JDK's own {@code jcmd ManagementAgent.start_local}), which opens no port. Every step is bounded
 * by a timeout, and every failure becomes one line saying what could not be reached and why.
 */
public final class Connector {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);

    private final Duration timeout;

    public Connector() {
        this(DEFAULT_TIMEOUT);
    }

    public Connector(Duration timeout) {
        this.timeout = timeout;
    }

    /** Connects and checks for the Turnstile MBean. */
    public TargetConnection open(Target target) {
        String url = target.kind() == Target.Kind.PID ? bounded(target, () -> localAddress(target.pid()))
                : target.serviceUrl();
        JMXServiceURL serviceUrl;
        try {
            serviceUrl = new JMXServiceURL(url);
        } catch (MalformedURLException e) {
            throw new ConsoleException(ConsoleException.Reason.UNREACHABLE, "bad JMX service URL '" + url + "': " + e.getMessage());
        }
        JMXConnector connector = bounded(target, () -> connect(target, serviceUrl));
        try {
            MBeanServerConnection mbeans = connector.getMBeanServerConnection();
            if (!mbeans.isRegistered(Names.TURNSTILE)) {
                throw new ConsoleException(ConsoleException.Reason.NOT_TURNSTILE, "JVM " + target + " does not run Turnstile: it has no "
                        + Names.TURNSTILE + " MBean (start it with -javaagent:turnstile-agent.jar)");
            }
            return new TargetConnection(target, connector, mbeans);
        } catch (IOException e) {
            close(connector);
            throw new ConsoleException(ConsoleException.Reason.UNREACHABLE, "lost the connection to " + target + ": " + Errors.rootMessage(e), e);
        } catch (RuntimeException e) {
            close(connector);
            throw e;
        }
    }

    private static String localAddress(long pid) {
        if (pid == ProcessHandle.current().pid()) {
            throw new ConsoleException(ConsoleException.Reason.UNREACHABLE, "process " + pid + " is this console itself");
        }
        boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        if (alive && !AttachSafety.mayAttach(pid)) {
            throw new ConsoleException(ConsoleException.Reason.UNREACHABLE, "process " + pid + " is not a JVM that can be "
                    + "attached (it does not catch SIGQUIT, which attaching would send it; see 'turnstile-console list')");
        }
        VirtualMachine vm;
        try {
            vm = VirtualMachine.attach(String.valueOf(pid));
        } catch (AttachNotSupportedException | IOException e) {
            if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                throw new ConsoleException(ConsoleException.Reason.UNREACHABLE, "no process with id " + pid);
            }
            throw new ConsoleException(ConsoleException.Reason.UNREACHABLE, "cannot attach to process " + pid + " (not a JVM, another user's, or attach disabled): "
                    + Errors.rootMessage(e), e);
        }
        try {
            return vm.startLocalManagementAgent();
        } catch (IOException e) {
            throw new ConsoleException(ConsoleException.Reason.UNREACHABLE, "cannot start the local management agent of process " + pid + ": "
                    + Errors.rootMessage(e), e);
        } finally {
            try {
                vm.detach();
            } catch (IOException ignored) {
                // detached on its own
            }
        }
    }

    private static JMXConnector connect(Target target, JMXServiceURL url) {
        try {
            return JMXConnectorFactory.connect(url);
        } catch (SecurityException e) {
            throw new ConsoleException(ConsoleException.Reason.UNREACHABLE, "JVM " + target + " refused the connection: " + Errors.rootMessage(e)
                    + " (authenticated JMX is not supported yet)", e);
        } catch (IOException e) {
            throw new ConsoleException(ConsoleException.Reason.UNREACHABLE, "cannot connect to " + target + " (" + url + "): " + Errors.rootMessage(e), e);
        }
    }

    private <T> T bounded(Target target, Callable<T> step) {
        FutureTask<T> task = new FutureTask<>(step);
        Thread thread = new Thread(task, "turnstile-console-connect");
        thread.setDaemon(true);
        thread.start();
        try {
            return task.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            thread.interrupt();
            throw new ConsoleException(ConsoleException.Reason.UNREACHABLE, "no answer from " + target + " within " + timeout.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConsoleException(ConsoleException.Reason.UNREACHABLE, "interrupted while connecting to " + target);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ConsoleException) {
                throw (ConsoleException) cause;
            }
            throw new ConsoleException(ConsoleException.Reason.UNREACHABLE, "cannot connect to " + target + ": " + Errors.rootMessage(cause), cause);
        }
    }

    private static void close(JMXConnector connector) {
        try {
            connector.close();
        } catch (IOException ignored) {
            // already gone
        }
    }
}
