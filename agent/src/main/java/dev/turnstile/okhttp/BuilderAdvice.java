package dev.turnstile.okhttp;

import dev.turnstile.bootstrap.OkHttpBridge;
import net.bytebuddy.asm.Advice;

/**
 * After each {@code OkHttpClient.Builder} constructor. {@code Builder(OkHttpClient)} first runs
 * {@code Builder()} (OkHttp 4/5) and then copies the client's interceptors, so the hook runs twice
 * for one builder: it is idempotent (keeps exactly one of ours), and the outer run is the one whose
 * result stands.
 */
public final class BuilderAdvice {

    private BuilderAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@Advice.This Object builder) {
        OkHttpBridge.builderCreated(builder);
    }
}
