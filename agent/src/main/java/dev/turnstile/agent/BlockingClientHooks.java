package dev.turnstile.agent;

import dev.turnstile.http.BlockingClientLibrary;
import dev.turnstile.http.Gate;
import dev.turnstile.http.GatedCall;
import dev.turnstile.http.ThreadCalls;
import dev.turnstile.log.FailOpen;

/**
 * The hooks every blocking client shares (Apache HttpClient 4 and 5 classic): the caller waits
 * for its slot when the client's execute begins, each attempt deeper in the same thread reports
 * its status, and the response that leaves execute carries the end of the call in its body.
 * What touches the library's types is a {@link BlockingClientLibrary} loaded next to it.
 *
 * @param <L> the client's library interface
 */
public final class BlockingClientHooks<L extends BlockingClientLibrary> {

    private final Gate gate;
    private final String name;
    private final ThreadCalls calls = new ThreadCalls();
    private final ClassValue<L> libraries;

    /**
     * @param name         the client's name in reports, e.g. {@code apache-httpclient4}
     * @param libraryClass the {@code .library} class implementing {@code type}
     */
    public BlockingClientHooks(Gate gate, String name, Class<L> type, String libraryClass) {
        this.gate = gate;
        this.name = name;
        this.libraries = new ClassValue<L>() {
            @Override
            protected L computeValue(Class<?> seen) {
                try {
                    return type.cast(HelperLoader.newInstance(seen.getClassLoader(), libraryClass));
                } catch (Throwable t) {
                    FailOpen.report(name + " helper", t);
                    return null;
                }
            }
        };
    }

    /** The library as seen from {@code type}'s class loader, or null when it could not be loaded. */
    public L library(Class<?> type) {
        return libraries.get(type);
    }

    /** Execute begins: waits for the slot. Returns a token for {@link #exit}, an IOException to throw, or null. */
    public Object enter(Object client, Object target, Object request) {
        if (calls.busy()) {
            return null; // a client delegating to another: the outer execute holds the slot
        }
        try {
            L library = libraries.get(client.getClass());
            GatedCall call = library == null ? null : library.open(gate, target, request);
            return call == null ? null : calls.enter(call);
        } catch (Throwable t) {
            FailOpen.report(name + " execute", t);
            return null;
        }
    }

    /** Execute ends: returns the response for the application, whose body now ends the call. */
    public Object exit(Object token, Object response, Throwable thrown) {
        ThreadCalls.Entry entry = (ThreadCalls.Entry) token;
        calls.leave();
        if (thrown != null || response == null) {
            entry.call().fail();
            return response;
        }
        try {
            return libraries.get(response.getClass()).finish(entry.call(), response, !entry.attemptSeen());
        } catch (Throwable t) {
            entry.call().fail();
            FailOpen.report(name + " response", t);
            return response;
        }
    }

    /** One attempt's response; {@code seenFrom} is an object of the library whose loader to use. */
    public void attempt(Object seenFrom, Object response) {
        if (!calls.busy()) {
            return;
        }
        try {
            libraries.get(seenFrom.getClass()).reportAttempt(calls, response);
        } catch (Throwable t) {
            FailOpen.report(name + " attempt", t);
        }
    }
}
