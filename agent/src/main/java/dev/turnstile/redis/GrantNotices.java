package dev.turnstile.redis;

import java.util.List;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.args.ListDirection;
import redis.clients.jedis.util.KeyValue;

/**
 * The grants other JVMs' releases handed to this incarnation: a list in Redis, so a notice sent
 * while the reader reconnects waits instead of being lost (pub/sub would drop it). One blocking
 * reader on its own connection, whose socket timeout must exceed the wait.
 */
public final class GrantNotices {

    private static final int BATCH = 64;

    private final Jedis jedis;
    private final String list;

    public GrantNotices(Jedis jedis, String namespace, String incarnation) {
        this.jedis = jedis;
        this.list = FleetSlots.prefix(namespace) + "jvm:" + incarnation + ":grants";
    }

    /** The members granted since the last read, waiting up to {@code seconds} for the first; empty if none came. */
    public List<String> await(double seconds) {
        KeyValue<String, List<String>> popped = jedis.blmpop(seconds, ListDirection.LEFT, BATCH, list);
        return popped == null ? List.of() : popped.getValue();
    }
}
