package dev.turnstile.redis;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * A real {@code redis-server} (Debian's package) on a free loopback port, for one test class; it
 * is stopped by its own PID. A machine without it fails the test and says how to install it.
 */
public final class RedisServer implements AutoCloseable {

    private static final Duration STARTUP = Duration.ofSeconds(20);

    private volatile Process process;
    private final int port;
    private final List<String> options;

    private RedisServer(Process process, int port, List<String> options) {
        this.process = process;
        this.port = port;
        this.options = options;
    }

    public static RedisServer start() throws IOException, InterruptedException {
        return start(List.of());
    }

    /** A server with these options too (a TLS port, ACL users), beside its plain loopback port. */
    public static RedisServer start(List<String> options) throws IOException, InterruptedException {
        Path binary = find(System.getenv().getOrDefault("PATH", "/usr/bin"));
        for (int attempt = 1; ; attempt++) {
            int port = freePort();
            RedisServer server = new RedisServer(launch(binary, port, options), port, options);
            if (server.awaitPing()) {
                return server;
            }
            server.close();
            if (attempt == 3) {
                throw new IllegalStateException("redis-server did not answer PING on port " + port + " within " + STARTUP);
            }
        }
    }

    private static Process launch(Path binary, int port, List<String> options) throws IOException {
        List<String> command = new ArrayList<>(List.of(binary.toString(), "--port", Integer.toString(port),
                "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"));
        command.addAll(options);
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    /** Kills the server with SIGKILL and starts an empty one on the same port: Redis lost its data. */
    public void restartEmpty() throws IOException, InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
        Path binary = find(System.getenv().getOrDefault("PATH", "/usr/bin"));
        long deadline = System.nanoTime() + STARTUP.toNanos();
        do {
            process = launch(binary, port, options); // the port may linger a moment: try again until it binds
        } while (!awaitPing() && System.nanoTime() < deadline);
        if (!process.isAlive()) {
            throw new IllegalStateException("redis-server did not start again on port " + port);
        }
    }

    /** The redis-server on {@code path}; a machine without one fails the test, saying how to install it. */
    static Path find(String path) {
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "redis-server");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError("redis-server is not installed, and the shared-limit tests need a real one: "
                + "run ./test.sh (it installs it) or `sudo apt-get install -y redis-server`");
    }

    /** A port nothing listens on now. */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Waits for PING, or for the process to die (the port was taken meanwhile). */
    private boolean awaitPing() throws InterruptedException {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (process.isAlive() && System.nanoTime() < deadline) {
            try (Jedis jedis = connect()) {
                if ("PONG".equals(jedis.ping())) {
                    return true;
                }
            } catch (RuntimeException notYet) {
                process.waitFor(20, TimeUnit.MILLISECONDS);
            }
        }
        return false;
    }

    public Jedis connect() {
        return new Jedis(new HostAndPort("127.0.0.1", port),
                DefaultJedisClientConfig.builder().connectionTimeoutMillis(2000).socketTimeoutMillis(5000)
                        .autoNegotiateProtocol(false).build());
    }

    public int port() {
        return port;
    }

    /** Sends {@code signal} (STOP, CONT) to this server's process only, by its PID. */
    public void signal(String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill -" + signal + " " + process.pid() + " failed");
        }
    }

    @Override
    public void close() throws InterruptedException {
        ProcessHandle.of(process.pid()).ifPresent(ProcessHandle::destroy);
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            ProcessHandle.of(process.pid()).ifPresent(ProcessHandle::destroyForcibly);
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
