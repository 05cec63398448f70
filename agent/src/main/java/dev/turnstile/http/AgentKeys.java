package dev.turnstile.http;

import dev.turnstile.config.AgentIdentity;

/** Says who makes a call, as {@code turnstile.priority.agent} asks: the thread, a header, or nobody. */
final class AgentKeys {

    /** "name#id" of each thread, made once per thread: the key is read on every gated call. */
    private static final ThreadLocal<String> THREAD_KEY = ThreadLocal.withInitial(() -> {
        Thread thread = Thread.currentThread();
        @SuppressWarnings("deprecation") // Thread.threadId() is Java 19+; the agent runs on 11
        long id = thread.getId();
        return thread.getName() + "#" + id;
    });

    private AgentKeys() {
    }

    /** The agent making the call on the current thread, or null for plain FIFO. */
    static String of(AgentIdentity identity, HeaderLookup requestHeaders) {
        switch (identity.kind()) {
            case NONE:
                return null;
            case HEADER:
                String value = requestHeaders == null ? null : requestHeaders.get(identity.headerName().orElse(""));
                if (value != null && !value.isEmpty()) {
                    return value.length() > 200 ? value.substring(0, 200) : value;
                }
                return THREAD_KEY.get(); // no header on this call: fall back to the thread
            case THREAD:
            default:
                return THREAD_KEY.get();
        }
    }
}
