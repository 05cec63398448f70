package dev.turnstile.okhttp;

import dev.turnstile.bootstrap.OkHttpBridge;
import dev.turnstile.extension.LibraryHelper;
import dev.turnstile.log.FailOpen;

import java.io.IOException;

/**
 * Behind {@link OkHttpBridge}: finds the {@link OkHttpSupport} next to the OkHttp that made the
 * call (one per class, computed once, so a builder costs one {@code ClassValue} lookup).
 */
final class OkHttpHooks implements OkHttpBridge.Hooks {

    private final LibraryHelper<OkHttpSupport> supports = new LibraryHelper<>(OkHttpSupport.class,
            "dev.turnstile.okhttp.library.OkHttpSupportImpl", "okhttp helpers");

    @Override
    public void builderCreated(Object builder) {
        try {
            OkHttpSupport support = supports.of(builder.getClass());
            if (support != null) {
                support.configure(builder);
            }
        } catch (Throwable t) {
            FailOpen.report("okhttp builder", t);
        }
    }

    @Override
    public Object chainStarting(Object call, Object client) {
        try {
            OkHttpSupport support = supports.of(call.getClass());
            return support == null ? null : support.chainStarting(call, client);
        } catch (IOException waitFailed) {
            return waitFailed; // interrupted or timed out while queued: the call fails with it
        } catch (Throwable t) {
            FailOpen.report("okhttp call", t);
            return null;
        }
    }

    @Override
    public Object chainEnded(Object passage, Object response, Throwable thrown) {
        try {
            return ((CallPassage) passage).ended(response, thrown);
        } catch (Throwable t) {
            FailOpen.report("okhttp response", t);
            return response;
        }
    }

    @Override
    public Object enqueue(Object call, Object callback) {
        if (OkHttpCalls.resuming()) {
            return null;
        }
        try {
            OkHttpSupport support = supports.of(call.getClass());
            return support == null ? null : support.enqueue(call, callback); // null: this OkHttp goes ungated
        } catch (Throwable t) {
            FailOpen.report("okhttp enqueue", t);
            return null;
        }
    }

    @Override
    public Object executing(Object call) {
        return OkHttpCalls.executing(call);
    }

    @Override
    public void executed(Object previous) {
        OkHttpCalls.executed(previous);
    }

    @Override
    public void cancelled(Object call) {
        try {
            OkHttpCalls.cancelled(call);
        } catch (Throwable t) {
            FailOpen.report("okhttp cancel", t);
        }
    }
}
