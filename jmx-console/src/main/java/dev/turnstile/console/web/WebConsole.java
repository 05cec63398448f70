package dev.turnstile.console.web;

import com.sun.net.httpserver.HttpServer;
import dev.turnstile.console.ConsoleException;
import dev.turnstile.console.model.Status;
import dev.turnstile.console.model.TurnstileClient;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The web console: the page and its JSON API on the JDK's own HTTP server, and a sampler that
 * keeps the last ten minutes for the charts.
 */
public final class WebConsole implements AutoCloseable {

    static final long SAMPLE_MILLIS = 1000;
    private static final int HISTORY_SAMPLES = 600;

    private final HttpServer server;
    private final ExecutorService handlers;
    private final ScheduledExecutorService sampler;
    private final Session session;
    private final History history = new History(HISTORY_SAMPLES);

    private WebConsole(HttpServer server, ExecutorService handlers, ScheduledExecutorService sampler, Session session) {
        this.server = server;
        this.handlers = handlers;
        this.sampler = sampler;
        this.session = session;
    }

    /**
     * Starts serving {@code session}'s target on {@code bind:port} (port 0: any free port).
     *
     * @throws ConsoleException when the address cannot be bound
     */
    public static WebConsole start(Session session, InetAddress bind, int port, String token) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(bind, port), 16);
        } catch (IOException e) {
            throw new ConsoleException(ConsoleException.Reason.REFUSED, "cannot listen on " + bind.getHostAddress() + ":"
                    + port + ": " + e.getMessage(), e);
        }
        ExecutorService handlers = Executors.newFixedThreadPool(4, daemon("turnstile-console-http"));
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(daemon("turnstile-console-sampler"));
        WebConsole console = new WebConsole(server, handlers, sampler, session);
        Guard guard = new Guard(token, bind.isLoopbackAddress(), server.getAddress().getPort());
        server.createContext("/api/", new Api(session, guard, console.history));
        server.createContext("/", new StaticFiles(guard));
        server.setExecutor(handlers);
        server.start();
        sampler.scheduleAtFixedRate(console::sample, 0, SAMPLE_MILLIS, TimeUnit.MILLISECONDS);
        return console;
    }

    /** A fresh random token: 128 bits, URL-safe. */
    public static String newToken() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void sample() {
        try {
            Status status = session.call(TurnstileClient::status);
            history.add(status);
        } catch (RuntimeException lostForNow) {
            // The page shows the error from its own request; the next sample reconnects.
        }
    }

    @Override
    public void close() {
        sampler.shutdownNow();
        server.stop(0);
        handlers.shutdownNow();
        session.close();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
