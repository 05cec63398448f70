package dev.turnstile.bench.fleet;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * The benchmark's own {@code redis-server} (Debian's {@code /usr/bin/redis-server}, or the one on
 * the PATH) on a free loopback port, without persistence; signalled and stopped by its own PID
 * only.
 */
final class RedisProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private Jedis admin;

    private RedisProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static RedisProcess start(Path log) throws IOException, InterruptedException {
        Path binary = binary();
        for (int attempt = 1; attempt <= 3; attempt++) {
            int port = freePort();
            Process process = new ProcessBuilder(binary.toString(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no").redirectErrorStream(true).redirectOutput(log.toFile()).start();
            RedisProcess redis = new RedisProcess(process, port);
            if (redis.awaitPing()) {
                return redis;
            }
            redis.close(); // the port was taken meanwhile: another one
        }
        throw new IllegalStateException("redis-server did not answer PING; see " + log);
    }

    private static Path binary() {
        for (String dir : ("/usr/bin:" + System.getenv().getOrDefault("PATH", "")).split(":")) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "redis-server");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("redis-server is not installed; the fleet benchmark starts its own: "
                + "`sudo apt-get install -y redis-server` (or ./test.sh --install-only)");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private boolean awaitPing() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
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

    Jedis connect() {
        return new Jedis(new HostAndPort("127.0.0.1", port), DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(2000).socketTimeoutMillis(5000).autoNegotiateProtocol(false).build());
    }

    String version() {
        try (Jedis jedis = connect()) {
            for (String line : jedis.info("server").split("\r?\n")) {
                if (line.startsWith("redis_version:")) {
                    return line.substring("redis_version:".length()).trim();
                }
            }
        }
        return "unknown";
    }

    String url() {
        return "redis://127.0.0.1:" + port;
    }

    /**
     * Calls per command since the server started ({@code INFO commandstats}), e.g.
     * {@code evalsha → 1234}, read on one connection kept for it, so that reading adds one INFO only.
     */
    Map<String, Long> commandCalls() {
        if (admin == null) {
            admin = connect();
        }
        Map<String, Long> calls = new HashMap<>();
        for (String line : admin.info("commandstats").split("\r?\n")) {
            // cmdstat_evalsha:calls=10,usec=...
            if (line.startsWith("cmdstat_")) {
                String name = line.substring("cmdstat_".length(), line.indexOf(':'));
                String rest = line.substring(line.indexOf("calls=") + "calls=".length());
                calls.put(name, Long.parseLong(rest.substring(0, rest.indexOf(','))));
            }
        }
        return calls;
    }

    /** The commands run since {@code before} was read, by command, less the INFO that read it. */
    Map<String, Long> commandsSince(Map<String, Long> before) {
        Map<String, Long> delta = new HashMap<>();
        commandCalls().forEach((command, count) -> {
            long d = count - before.getOrDefault(command, 0L) - ("info".equals(command) ? 1 : 0);
            if (d > 0) {
                delta.put(command, d);
            }
        });
        return delta;
    }

    /** Empties Redis, so that the next replicas seed their limits afresh; only while no replica is joined. */
    void flushAll() {
        commandCalls(); // opens the kept connection
        admin.flushAll();
    }

    /** One PING round trip on the kept connection, in nanoseconds: the floor under any script's. */
    long pingNanos() {
        if (admin == null) {
            admin = connect();
        }
        long start = System.nanoTime();
        admin.ping();
        return System.nanoTime() - start;
    }

    /**
     * Whether a command is a round trip of a client rather than one a Lua script ran inside its
     * EVALSHA: {@code INFO commandstats} counts both.
     */
    static boolean sentByClient(String command) {
        return command.startsWith("eval") || command.equals("blmpop") || command.equals("ping")
                || command.startsWith("script|") || command.startsWith("client|") || command.equals("hello")
                || command.equals("auth") || command.equals("select");
    }

    /** Sends {@code signal} (STOP, CONT) to this server only, by its PID. */
    void signal(String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill -" + signal + " " + process.pid() + " failed");
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (admin != null) {
            admin.close();
        }
        try {
            signal("CONT"); // a stopped server cannot end
        } catch (IOException | RuntimeException ignored) {
            // it is gone already
        }
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
