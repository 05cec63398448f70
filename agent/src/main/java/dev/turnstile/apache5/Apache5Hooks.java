package dev.turnstile.apache5;

import dev.turnstile.agent.HelperLoader;
import dev.turnstile.bootstrap.Apache5Bridge;
import dev.turnstile.http.Gate;
import dev.turnstile.http.GatedCall;
import dev.turnstile.http.ThreadCalls;
import dev.turnstile.log.FailOpen;

/**
 * Gates Apache HttpClient 5. Classic calls block for their slot in {@code doExecute} on the
 * caller's thread; async exchanges never block: one that must wait is started when its slot is
 * granted. Every attempt's status reaches the gate, so the client's own retry of a 429 still
 * pauses the provider.
 */
final class Apache5Hooks implements Apache5Bridge.Hooks {

    private static final String LIBRARY = "dev.turnstile.apache5.library.Apache5Adapter";

    private final Gate gate;
    private final ThreadCalls calls = new ThreadCalls();
    private final ClassValue<Apache5Library> libraries = new ClassValue<Apache5Library>() {
        @Override
        protected Apache5Library computeValue(Class<?> type) {
            try {
                return (Apache5Library) HelperLoader.newInstance(type.getClassLoader(), LIBRARY);
            } catch (Throwable t) {
                FailOpen.report("apache-httpclient5 helper", t);
                return null;
            }
        }
    };

    Apache5Hooks(Gate gate) {
        this.gate = gate;
    }

    @Override
    public Object enterClassic(Object client, Object target, Object request) {
        if (calls.busy()) {
            return null; // a client delegating to another: the outer execute holds the slot
        }
        try {
            Apache5Library library = libraries.get(client.getClass());
            GatedCall call = library == null ? null : library.openClassic(gate, target, request);
            return call == null ? null : calls.enter(call);
        } catch (Throwable t) {
            FailOpen.report("apache-httpclient5 execute", t);
            return null;
        }
    }

    @Override
    public Object exitClassic(Object token, Object response, Throwable thrown) {
        ThreadCalls.Entry entry = (ThreadCalls.Entry) token;
        calls.leave();
        if (thrown != null || response == null) {
            entry.call().fail();
            return response;
        }
        try {
            return libraries.get(response.getClass()).finishClassic(entry.call(), response, !entry.attemptSeen());
        } catch (Throwable t) {
            entry.call().fail();
            FailOpen.report("apache-httpclient5 response", t);
            return response;
        }
    }

    @Override
    public void attempt(Object executor, Object response) {
        if (!calls.busy()) {
            return;
        }
        try {
            libraries.get(response.getClass()).reportAttempt(calls, response);
        } catch (Throwable t) {
            FailOpen.report("apache-httpclient5 attempt", t);
        }
    }

    @Override
    public Object enterAsync(Object client, Object request, Object entityProducer, Object scope, Object chain,
                             Object callback) {
        try {
            Apache5Library library = libraries.get(client.getClass());
            return library == null ? null : library.enterAsync(gate, request, entityProducer, scope, chain, callback);
        } catch (Throwable t) {
            FailOpen.report("apache-httpclient5 async execute", t);
            return null;
        }
    }

    @Override
    public void exitAsync(Object callback, Throwable thrown) {
        if (thrown != null && callback instanceof GatedExchange) {
            ((GatedExchange) callback).notStarted();
        }
    }

    @Override
    public Object attemptCallback(Object exec, Object scope, Object callback) {
        try {
            Apache5Library library = libraries.get(exec.getClass());
            return library == null ? callback : library.attemptCallback(scope, callback);
        } catch (Throwable t) {
            FailOpen.report("apache-httpclient5 async attempt", t);
            return callback;
        }
    }
}
