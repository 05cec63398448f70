package dev.turnstile.okhttp;

import dev.turnstile.agent.HelperLoader;
import dev.turnstile.bootstrap.OkHttpBridge;
import dev.turnstile.log.FailOpen;

/**
 * Behind {@link OkHttpBridge}: finds the {@link OkHttpSupport} next to the OkHttp that made the
 * call (one per class, computed once, so a builder costs one {@code ClassValue} lookup).
 */
final class OkHttpHooks implements OkHttpBridge.Hooks {

    private static final String SUPPORT = "dev.turnstile.okhttp.library.OkHttpSupportImpl";

    private static final OkHttpSupport BROKEN = new OkHttpSupport() {
        @Override
        public void configure(Object builder) {
        }

        @Override
        public Object enqueue(Object call, Object callback) {
            return null;
        }
    };

    private final ClassValue<OkHttpSupport> supports = new ClassValue<OkHttpSupport>() {
        @Override
        protected OkHttpSupport computeValue(Class<?> type) {
            try {
                return (OkHttpSupport) HelperLoader.newInstance(type.getClassLoader(), SUPPORT);
            } catch (Throwable t) {
                FailOpen.report("okhttp helpers", t);
                return BROKEN; // this OkHttp goes ungated
            }
        }
    };

    @Override
    public void builderCreated(Object builder) {
        try {
            supports.get(builder.getClass()).configure(builder);
        } catch (Throwable t) {
            FailOpen.report("okhttp builder", t);
        }
    }

    @Override
    public Object enqueue(Object call, Object callback) {
        if (OkHttpCalls.resuming()) {
            return null;
        }
        try {
            return supports.get(call.getClass()).enqueue(call, callback);
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
