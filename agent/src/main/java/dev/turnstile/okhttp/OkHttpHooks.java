package dev.turnstile.okhttp;

import dev.turnstile.bootstrap.OkHttpBridge;
import dev.turnstile.extension.LibraryHelper;
import dev.turnstile.log.FailOpen;

import java.io.IOException;

/**
 * Behind {@link OkHttpBridge}: finds the {@link OkHttpSupport} next to the OkHttp that made the
 * call (one per class, computed once, so a call costs one {@code ClassValue} lookup).
 */
final class OkHttpHooks implements OkHttpBridge.Hooks {

    private final LibraryHelper<OkHttpSupport> supports = new LibraryHelper<>(OkHttpSupport.class,
            "dev.turnstile.okhttp.library.OkHttpSupportImpl", "okhttp helpers");

    @Override
    public Object chainStarting(Object call) {
        try {
            OkHttpSupport support = supports.of(call.getClass());
            return support == null ? null : support.chainStarting(call);
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
    public void attempted(Object response) {
        ChainState state = ChainState.current();
        if (state == null || !state.gated() || response == null) {
            return; // no gated call on this thread: the common case costs one thread-local read
        }
        try {
            OkHttpSupport support = supports.of(response.getClass());
            if (support != null) {
                support.attempted(state, response);
            }
        } catch (Throwable t) {
            FailOpen.report("okhttp attempt", t);
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
