package dev.turnstile.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * What the modes that run the workload in child JVMs of this demo ({@code --compare},
 * {@code --fleet}) share: the agent jar, the agent arguments that gate the mock provider, the
 * command of a child, and free ports.
 */
final class ChildJvm {

    private ChildJvm() {
    }

    /**
     * The command of one child demo: {@code java [JVM options] [-javaagent:JAR=ARGS] -cp … DemoMain
     * --child}, followed by {@code childArgs}.
     *
     * @param agent {@code null} for a child without the agent, else {@code -javaagent:…}
     */
    static List<String> command(List<String> jvmOptions, String agent, List<String> childArgs) {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        if (agent != null) {
            command.add(agent);
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(DemoMain.class.getName());
        command.add("--child");
        command.addAll(childArgs);
        return command;
    }

    /** {@code -javaagent:JAR=ARGS}, gating the mock at {@code 127.0.0.1:port} with the provider's cap as limit. */
    static String javaAgent(Path agentJar, DemoOptions options, int port, String variantArgs) {
        StringBuilder args = new StringBuilder("presets=false;providers.mock.hosts=127.0.0.1:" + port
                + ";providers.mock.limit=" + options.cap + ";priority.turn-idle=2s");
        if (!variantArgs.isEmpty()) {
            args.append(';').append(variantArgs);
        }
        if (!options.agentArgs.isEmpty()) {
            args.append(';').append(options.agentArgs);
        }
        return "-javaagent:" + agentJar + "=" + args;
    }

    /** The agent jar: {@code --agent-jar}, else the one built beside this demo, else under the working directory. */
    private static Path agentJar(DemoOptions options) {
        if (options.agentJar != null) {
            return Paths.get(options.agentJar).toAbsolutePath();
        }
        try {
            // demo-app/target/turnstile-demo.jar (or demo-app/target/classes) -> agent/target/turnstile-agent.jar
            Path self = Paths.get(DemoMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path beside = self.getParent().getParent().getParent().resolve("agent/target/turnstile-agent.jar");
            if (Files.isRegularFile(beside)) {
                return beside;
            }
        } catch (URISyntaxException | NullPointerException | SecurityException e) {
            // fall through to the working directory
        }
        return Paths.get("agent", "target", "turnstile-agent.jar").toAbsolutePath();
    }

    /**
     * The agent jar for a mode that runs its own embedded provider in child JVMs, or {@code null}
     * after saying on {@code out} why the mode cannot run.
     */
    static Path agentJarFor(String mode, DemoOptions options, PrintStream out) {
        if (options.baseUrl != null) {
            out.println(mode + " runs its own embedded provider; --base-url is not used with it.");
            return null;
        }
        Path agentJar = agentJar(options);
        if (!Files.isRegularFile(agentJar)) {
            out.println("agent jar not found: " + agentJar + " (build it: mvn -B -pl agent package -DskipTests,"
                    + " or pass --agent-jar PATH)");
            return null;
        }
        return agentJar;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
