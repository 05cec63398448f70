package dev.turnstile.demo;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A {@code redis-server} the demo starts for its shared run: on a free loopback port, nothing
 * saved to disk, stopped by its own PID.
 */
final class LocalRedis implements AutoCloseable {

    static final Path DEBIAN_PATH = Paths.get("/usr/bin/redis-server");
    private static final Duration STARTUP = Duration.ofSeconds(10);
    private static final int ATTEMPTS = 3;

    private final Process process;
    private final int port;
    private final Path log;

    private LocalRedis(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * The redis-server to start: {@code option} when given (empty when it is not an executable
     * file), else Debian's {@code /usr/bin/redis-server}, else the first on {@code path}.
     */
    static Optional<Path> find(String option, String path) {
        if (option != null) {
            Path given = Paths.get(option);
            return Files.isExecutable(given) && !Files.isDirectory(given) ? Optional.of(given) : Optional.empty();
        }
        if (Files.isExecutable(DEBIAN_PATH)) {
            return Optional.of(DEBIAN_PATH);
        }
        for (String dir : (path == null ? "" : path).split(File.pathSeparator)) {
            Path candidate = Paths.get(dir.isEmpty() ? "." : dir, "redis-server");
            if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Starts {@code binary} on a free port and waits for it to answer PING. */
    static LocalRedis start(Path binary) throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            int port = ChildJvm.freePort();
            Path log = Files.createTempFile("turnstile-demo-redis", ".log");
            Process process = new ProcessBuilder(List.of(binary.toString(), "--port", Integer.toString(port),
                    "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            LocalRedis redis = new LocalRedis(process, port, log);
            if (redis.awaitPing()) {
                return redis;
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            redis.close();
            if (attempt == ATTEMPTS) {
                // the port may have been taken between the probe and the start: that is what the attempts are for
                throw new IOException(binary + " did not answer PING on 127.0.0.1:" + port + " within " + STARTUP.toSeconds()
                        + " s; its output:" + System.lineSeparator() + output);
            }
        }
    }

    /** Waits for {@code +PONG}, or for the process to end. */
    private boolean awaitPing() throws InterruptedException {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (process.isAlive() && System.nanoTime() < deadline) {
            if (ping()) {
                return true;
            }
            process.waitFor(50, TimeUnit.MILLISECONDS);
        }
        return false;
    }

    private boolean ping() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            return "+PONG".equals(answer);
        } catch (IOException notYet) {
            return false;
        }
    }

    String url() {
        return "redis://127.0.0.1:" + port;
    }

    long pid() {
        return process.pid();
    }

    /** Stops the server by its PID. Safe to call twice. */
    @Override
    public void close() throws InterruptedException {
        Processes.stop(process);
        Processes.deleteQuietly(log);
    }
}
