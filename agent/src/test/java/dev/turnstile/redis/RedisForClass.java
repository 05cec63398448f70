package dev.turnstile.redis;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real redis-server for one test class: {@code @RegisterExtension static final RedisForClass
 * REDIS = new RedisForClass();} starts it before the first test and stops it, by PID, after the last.
 */
public final class RedisForClass implements BeforeAllCallback, AfterAllCallback {

    private RedisServer server;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        server = RedisServer.start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        server.close();
    }

    public RedisServer server() {
        return server;
    }
}
