package dev.turnstile.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnstile.config.ConfigLoader;
import dev.turnstile.config.RedisSettings;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

/** Connections opened from the configuration reach the right database as the right ACL user. */
class RedisConnectionsTest {

    private static RedisServer redis;

    @BeforeAll
    static void startRedis() throws Exception {
        redis = RedisServer.start();
        try (Jedis admin = redis.connect()) {
            admin.aclSetUser("svc", "on", ">s3cret", "~*", "+@all");
        }
    }

    @AfterAll
    static void stopRedis() throws Exception {
        redis.close();
    }

    private static RedisSettings settings(String url) {
        return ConfigLoader.load(null, Map.of("turnstile.redis.url", url), Map.of()).config().redis().orElseThrow();
    }

    @Test
    void theUrlsDatabaseIsTheOneUsed() {
        try (Jedis jedis = new RedisConnections(settings("redis://127.0.0.1:" + redis.port() + "/2")).open(2000);
                Jedis admin = redis.connect()) {
            jedis.set("where", "db2");

            admin.select(2);
            assertThat(admin.get("where")).isEqualTo("db2");
        }
    }

    @Test
    void theUrlsUserAndPasswordLogIn() {
        try (Jedis jedis = new RedisConnections(settings("redis://svc:s3cret@127.0.0.1:" + redis.port())).open(2000)) {
            assertThat(jedis.aclWhoAmI()).isEqualTo("svc");
        }
    }

    @Test
    void aWrongPasswordIsRefused() {
        assertThatThrownBy(() -> {
            try (Jedis jedis = new RedisConnections(settings("redis://svc:wrong@127.0.0.1:" + redis.port())).open(2000)) {
                jedis.ping();
            }
        }).isInstanceOf(JedisException.class);
    }

    @Test
    void aMachineWithoutRedisServerFailsTheTestSayingHowToInstallIt() {
        assertThatThrownBy(() -> RedisServer.find("/nonexistent-dir"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("./test.sh")
                .hasMessageContaining("apt-get install -y redis-server");
    }
}
