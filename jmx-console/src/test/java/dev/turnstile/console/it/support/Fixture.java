package dev.turnstile.console.it.support;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * What every integration test here needs, started once per test JVM: a slow stand-in provider, a
 * target JVM whose 5 callers go through Turnstile (provider {@code llm}, limit 2, so 2 in flight
 * and 3 queued most of the time), and a plain JVM without Turnstile. {@link #reset()} puts the
 * target back as it started, so tests do not depend on each other's changes.
 */
public final class Fixture {

    public static final String PROVIDER = "llm";
    public static final int LIMIT = 2;
    public static final int CALLERS = 5;
    private static Fixture instance;

    public final SlowLlm llm;
    public final TargetJvm target;
    public final TargetJvm plain;
    public final Jmx jmx;

    private Fixture() throws Exception {
        llm = new SlowLlm(600);
        target = TargetJvm.withTurnstile("presets=false;providers." + PROVIDER + ".hosts=127.0.0.1:" + llm.port()
                + ";providers." + PROVIDER + ".limit=" + LIMIT, llm.url("/v1/chat/completions"), CALLERS);
        plain = TargetJvm.plain();
        target.awaitStarted(Duration.ofSeconds(60));
        plain.awaitStarted(Duration.ofSeconds(60));
        jmx = Jmx.connect(target, Duration.ofSeconds(60));
        await(() -> {
            try {
                return jmx.registered(Jmx.provider(PROVIDER)) && (Integer) jmx.get(Jmx.provider(PROVIDER), "InFlight") > 0;
            } catch (Exception e) {
                return false;
            }
        }, "calls in flight on the target");
    }

    public static synchronized Fixture get() throws Exception {
        if (instance == null) {
            instance = new Fixture();
            Fixture started = instance;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "fixture-stop"));
        }
        return instance;
    }

    /**
     * Limit 2 (and at most 2 in flight), no budget, no breaker, no global limit, not paused, no
     * provider but {@code llm}.
     */
    public void reset() throws Exception {
        jmx.set(Jmx.provider(PROVIDER), "Limit", LIMIT);
        jmx.set(Jmx.provider(PROVIDER), "Rpm", 0);
        jmx.set(Jmx.provider(PROVIDER), "Tpm", 0L);
        jmx.set(Jmx.provider(PROVIDER), "BreakerFailures", 0);
        jmx.set(Jmx.TURNSTILE, "GlobalLimit", 0);
        jmx.invoke(Jmx.provider(PROVIDER), "resume", new Object[0], new String[0]);
        for (String id : jmx.providerIds()) {
            if (!id.equals(PROVIDER)) {
                jmx.invoke(Jmx.TURNSTILE, "removeProvider", new Object[] {id}, new String[] {String.class.getName()});
            }
        }
        // A lowered limit cuts no call: let the calls admitted under a higher one finish.
        await(() -> {
            try {
                return (Integer) jmx.get(Jmx.provider(PROVIDER), "InFlight") <= LIMIT;
            } catch (Exception e) {
                return false;
            }
        }, "in flight back to at most " + LIMIT);
    }

    /** The {@code llm} provider's Limit over JMX, or -1 while it cannot be read (for bounded waits). */
    public int llmLimit() {
        try {
            return jmx.limit(PROVIDER);
        } catch (Exception e) {
            return -1;
        }
    }

    public String pid() {
        return String.valueOf(target.pid());
    }

    public static void await(BooleanSupplier condition, String what) throws InterruptedException {
        await(condition, what, Duration.ofSeconds(30));
    }

    public static void await(BooleanSupplier condition, String what, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    private void close() {
        try {
            jmx.close();
        } catch (Exception ignored) {
            // going away anyway
        }
        target.close();
        plain.close();
        llm.close();
    }
}
