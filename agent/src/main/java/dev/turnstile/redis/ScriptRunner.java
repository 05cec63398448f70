package dev.turnstile.redis;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * Runs the scripts on one connection by their SHA (EVALSHA), loading a script again when Redis
 * answers NOSCRIPT (a restart or SCRIPT FLUSH forgets them). Not thread-safe: one owner thread.
 */
final class ScriptRunner {

    private final Jedis jedis;
    private final List<String> keys;
    private final Map<Script, String> shas = new EnumMap<>(Script.class);

    /** {@code prefix} is the namespace's key prefix, {@code ts:{ns}:}, every script's one key. */
    ScriptRunner(Jedis jedis, String prefix) {
        this.jedis = jedis;
        this.keys = List.of(prefix);
    }

    List<Object> run(Script script, List<String> args) {
        String sha = shas.get(script);
        if (sha != null) {
            try {
                return reply(jedis.evalsha(sha, keys, args));
            } catch (JedisNoScriptException e) {
                // Redis forgot it: load it again below.
            }
        }
        sha = jedis.scriptLoad(script.source());
        shas.put(script, sha);
        return reply(jedis.evalsha(sha, keys, args));
    }

    @SuppressWarnings("unchecked")
    private static List<Object> reply(Object raw) {
        return (List<Object>) raw;
    }
}
