package dev.turnstile.redis;

import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.concurrent.locks.LockSupport;
import redis.clients.jedis.Jedis;

/**
 * The one thread that reads this JVM's grant list (BLMPOP, a second at a time) on its own
 * connection, and hands each notice to the backend. A broken connection (CLIENT KILL, a Redis
 * restart) is opened again; a notice pushed meanwhile waits in the list. It follows the current
 * incarnation, and idles while the JVM counts locally.
 */
final class GrantReader implements Runnable {

    private static final double WAIT_SECONDS = 1.0;
    private static final long IDLE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final long RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final Consumer<String> notices;
    private final RedisConnections connections;
    private final String namespace;
    private final FleetTimings timings;
    private volatile boolean running;
    private volatile String incarnation;
    private volatile Jedis jedis;

    GrantReader(Consumer<String> notices, RedisConnections connections, String namespace, FleetTimings timings) {
        this.notices = notices;
        this.connections = connections;
        this.namespace = namespace;
        this.timings = timings;
    }

    void start() {
        running = true;
        Thread thread = new Thread(this, "turnstile-fleet-grants");
        thread.setDaemon(true);
        thread.start();
    }

    void stop() {
        running = false;
        follow(null);
    }

    /** Reads {@code newIncarnation}'s list from now on (null: none); a read under way is cut short. */
    void follow(String newIncarnation) {
        incarnation = newIncarnation;
        closeConnection();
    }

    @Override
    public void run() {
        while (running) {
            String following = incarnation;
            if (following == null) {
                LockSupport.parkNanos(IDLE_NANOS);
                continue;
            }
            try {
                Jedis connection = jedis;
                if (connection == null) {
                    connection = connections.open((int) (WAIT_SECONDS * 1000) + timings.boundMillis());
                    jedis = connection;
                }
                for (String member : new GrantNotices(connection, namespace, following).await(WAIT_SECONDS)) {
                    notices.accept(member);
                }
            } catch (RuntimeException broken) {
                // Closed by follow(), killed, or Redis is away: the link's heartbeat judges Redis; here, try again.
                closeConnection();
                LockSupport.parkNanos(RETRY_NANOS);
            }
        }
        closeConnection();
    }

    private void closeConnection() {
        Jedis connection = jedis;
        jedis = null;
        if (connection != null) {
            try {
                connection.close();
            } catch (RuntimeException ignored) {
                // already broken
            }
        }
    }
}
