package dev.turnstile.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * Reading the configuration loads no class of the Redis layer nor of Jedis: a user who sets no
 * {@code turnstile.redis.url} pays nothing for shared limits. The agent's classes are loaded
 * afresh by a loader that records every class name asked of it.
 */
class RedisStaysUnloadedTest {

    private static final List<String> REDIS_PACKAGES = List.of("dev.turnstile.redis.", "redis.clients.",
            "dev.turnstile.shaded.redis.", "org.apache.commons.pool2.", "com.google.gson.", "org.json.");

    @Test
    void loadingAConfigurationWithoutAUrlLoadsNothingOfRedis() throws Exception {
        Set<String> loaded = loadConfigIsolated(Map.of("turnstile.providers.openai.limit", "4"));

        assertThat(loaded).as("the loader really loaded the configuration code").contains(ConfigLoader.class.getName());
        assertThat(loaded).noneMatch(name -> REDIS_PACKAGES.stream().anyMatch(name::startsWith));
    }

    @Test
    void evenWithAUrlReadingTheConfigurationLoadsNoRedisClient() throws Exception {
        Set<String> loaded = loadConfigIsolated(Map.of("turnstile.redis.url", "redis://cache:6379/0"));

        assertThat(loaded).noneMatch(name -> REDIS_PACKAGES.stream().anyMatch(name::startsWith));
    }

    @Test
    void theAgentThatStartsSharedLimitsOnlyWithAUrlLinksWithoutThem() throws Exception {
        RecordingLoader loader = new RecordingLoader(RedisStaysUnloadedTest.class.getClassLoader());

        Class<?> agent = Class.forName("dev.turnstile.agent.TurnstileAgent", true, loader); // verified and initialised

        assertThat(agent.getClassLoader()).isSameAs(loader);
        assertThat(loader.asked).noneMatch(name -> REDIS_PACKAGES.stream().anyMatch(name::startsWith));
    }

    private static Set<String> loadConfigIsolated(Map<String, String> properties) throws Exception {
        RecordingLoader loader = new RecordingLoader(RedisStaysUnloadedTest.class.getClassLoader());
        Class<?> configLoader = loader.loadClass(ConfigLoader.class.getName());
        Method load = configLoader.getMethod("load", String.class, Map.class, Map.class);
        Object result = load.invoke(null, null, properties, Map.of());
        assertThat(result.getClass().getClassLoader()).isSameAs(loader);
        return loader.asked;
    }

    /** Defines the agent's own classes itself (so they load afresh) and records every name asked. */
    private static final class RecordingLoader extends ClassLoader {

        final Set<String> asked = ConcurrentHashMap.newKeySet();
        private final ClassLoader source;

        RecordingLoader(ClassLoader source) {
            super(source.getParent());
            this.source = source;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            asked.add(name);
            if (!name.startsWith("dev.turnstile.")) {
                return source.loadClass(name);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> done = findLoadedClass(name);
                if (done != null) {
                    return done;
                }
                try (InputStream in = source.getResourceAsStream(name.replace('.', '/') + ".class")) {
                    if (in == null) {
                        throw new ClassNotFoundException(name);
                    }
                    byte[] bytes = in.readAllBytes();
                    return defineClass(name, bytes, 0, bytes.length);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }
}
