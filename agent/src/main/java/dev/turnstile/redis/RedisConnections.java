package dev.turnstile.redis;

import dev.turnstile.config.RedisSettings;
import dev.turnstile.config.RedisUrl;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * Opens the plain Jedis connections of shared limits (no pool, so no evictor thread): one for the
 * scripts, whose socket timeout is the bound on any call's wait for Redis, and one for the
 * blocking grant reader, whose timeout must outlast its BLMPOP.
 */
public final class RedisConnections {

    private final RedisSettings settings;

    public RedisConnections(RedisSettings settings) {
        this.settings = settings;
    }

    /** A connection whose every command fails after {@code timeoutMillis}. */
    public Jedis open(int timeoutMillis) {
        RedisUrl url = settings.url();
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(timeoutMillis).socketTimeoutMillis(timeoutMillis)
                .database(url.database()).ssl(url.tls()).clientName("turnstile")
                // RESP2, what the scripts' replies are read as; asked for plainly, Jedis does not warn at each connect.
                .autoNegotiateProtocol(false);
        url.user().ifPresent(config::user);
        settings.password().ifPresent(config::password);
        return new Jedis(new HostAndPort(url.host(), url.port()), config.build());
    }
}
