package dev.turnstile.blocking;

import dev.turnstile.bootstrap.BlockingClientBridge;
import dev.turnstile.extension.BlockingClientLibrary;
import dev.turnstile.extension.LibraryHelper;
import dev.turnstile.http.Gate;
import dev.turnstile.http.GatedCall;
import dev.turnstile.http.ThreadCalls;
import dev.turnstile.http.UngatedClients;
import dev.turnstile.log.FailOpen;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The hooks behind {@link BlockingClientBridge}, one set for every blocking client family: the
 * caller waits for its slot when the client's execute method begins, each attempt deeper in the
 * same thread reports its status, and the response that leaves execute carries the end of the
 * call in its body. One call per thread: an execute nested in another (a client delegating to
 * another, of any family) holds no second slot.
 *
 * <p>What touches a library's types is its family's {@link BlockingClientLibrary}, found from
 * the object the advice sees: the planned class that object is or extends names the family, and
 * the library is defined next to that object's class (one {@link ClassValue} look-up per call).
 */
public final class BlockingClientHooks implements BlockingClientBridge.Hooks {

    private final Gate gate;
    private final ThreadCalls calls = new ThreadCalls();
    private final UngatedClients ungated;
    private final Map<String, Family> byPlannedClass = new ConcurrentHashMap<>();
    private final ClassValue<Bound> libraries = new ClassValue<Bound>() {
        @Override
        protected Bound computeValue(Class<?> seen) {
            for (Class<?> type = seen; type != null; type = type.getSuperclass()) {
                Family family = byPlannedClass.get(type.getName());
                if (family != null) {
                    BlockingClientLibrary library = family.helper.of(seen);
                    return library == null ? null : new Bound(family.name, library);
                }
            }
            return null; // not a planned class: never advised, so never seen
        }
    };

    public BlockingClientHooks(Gate gate) {
        this.gate = gate;
        this.ungated = new UngatedClients(gate);
    }

    /**
     * Serves a family's planned classes (and their subclasses) with {@code libraryClass}. Called
     * at start-up, before the hooks are installed in the bridge.
     */
    public void add(String familyName, String libraryClass, Collection<String> plannedClasses) {
        Family family = new Family(familyName, new LibraryHelper<>(BlockingClientLibrary.class, libraryClass,
                familyName + " helper"));
        for (String planned : plannedClasses) {
            byPlannedClass.put(planned, family);
        }
    }

    /** Execute begins: waits for the slot. Returns a token for {@link #exit}, an IOException to throw, or null. */
    @Override
    public Object enter(Object client, Object target, Object request) {
        if (calls.busy()) {
            return null; // a client delegating to another: the outer execute holds the slot
        }
        Bound bound = null;
        try {
            bound = libraries.get(client.getClass());
            GatedCall call = bound == null ? null : bound.library.open(gate, target, request);
            if (call == null) {
                return null;
            }
            Object entered = calls.enter(call);
            return entered instanceof ThreadCalls.Entry ? new Token((ThreadCalls.Entry) entered, bound) : entered;
        } catch (Throwable t) {
            FailOpen.report((bound == null ? "blocking client" : bound.family) + " execute", t);
            return null;
        }
    }

    /** Execute ends: returns the response for the application, whose body now ends the call. */
    @Override
    public Object exit(Object token, Object response, Throwable thrown) {
        Token running = (Token) token;
        calls.leave();
        GatedCall call = running.entry.call();
        if (thrown != null || response == null) {
            call.fail(thrown);
            return response;
        }
        try {
            return running.bound.library.finish(call, response, !running.entry.attemptSeen());
        } catch (Throwable t) {
            call.fail();
            FailOpen.report(running.bound.family + " response", t);
            return response;
        }
    }

    /**
     * One attempt's response, reported to the call running on this thread. With none, the
     * attempt is the client's own business, unless it went to a provider's host with a method and
     * path that are gated: then the client sent it without passing the execute door (an
     * application's own subclass of {@code CloseableHttpClient} on httpcore's executor), and
     * that is reported once per provider and client.
     */
    @Override
    public void attempt(Object executor, Object request, Object response) {
        Bound bound = null;
        try {
            bound = libraries.get(executor.getClass());
            if (bound == null) {
                return;
            }
            if (calls.busy()) {
                bound.library.reportAttempt(calls, response);
            } else if (request != null) {
                GatedCall slipped = bound.library.open(gate, null, request); // opened to route it, never acquired
                if (slipped != null) {
                    ungated.reached(ClientOnStack.nameAbove(executor.getClass()), slipped.providerId(),
                            "it sends its requests without Apache HttpClient's execution chain, where "
                                    + "Turnstile waits for a slot; a client from HttpClients.custom() is gated, and so "
                                    + "is one that hands its calls to such a client");
                }
            }
        } catch (Throwable t) {
            FailOpen.report((bound == null ? "blocking client" : bound.family) + " attempt", t);
        }
    }

    /** Clients that could not be gated and reached a provider, reported once each. */
    UngatedClients ungated() {
        return ungated;
    }

    /** A family's name and its library helper. */
    private static final class Family {
        final String name;
        final LibraryHelper<BlockingClientLibrary> helper;

        Family(String name, LibraryHelper<BlockingClientLibrary> helper) {
            this.name = name;
            this.helper = helper;
        }
    }

    /** The library as seen from one class. */
    private static final class Bound {
        final String family;
        final BlockingClientLibrary library;

        Bound(String family, BlockingClientLibrary library) {
            this.family = family;
            this.library = library;
        }
    }

    /** A call in its execute method: its entry on this thread, and the library that finishes it. */
    private static final class Token {
        final ThreadCalls.Entry entry;
        final Bound bound;

        Token(ThreadCalls.Entry entry, Bound bound) {
            this.entry = entry;
            this.bound = bound;
        }
    }
}
