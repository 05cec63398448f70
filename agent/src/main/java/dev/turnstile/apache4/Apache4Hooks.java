package dev.turnstile.apache4;

import dev.turnstile.agent.HelperLoader;
import dev.turnstile.bootstrap.Apache4Bridge;
import dev.turnstile.http.Gate;
import dev.turnstile.http.GatedCall;
import dev.turnstile.http.ThreadCalls;
import dev.turnstile.log.FailOpen;

/** Gates Apache HttpClient 4: the caller waits for its slot in {@code doExecute}, on its own thread. */
final class Apache4Hooks implements Apache4Bridge.Hooks {

    private static final String LIBRARY = "dev.turnstile.apache4.library.Apache4Adapter";

    private final Gate gate;
    private final ThreadCalls calls = new ThreadCalls();
    private final ClassValue<Apache4Library> libraries = new ClassValue<Apache4Library>() {
        @Override
        protected Apache4Library computeValue(Class<?> type) {
            try {
                return (Apache4Library) HelperLoader.newInstance(type.getClassLoader(), LIBRARY);
            } catch (Throwable t) {
                FailOpen.report("apache-httpclient4 helper", t);
                return null;
            }
        }
    };

    Apache4Hooks(Gate gate) {
        this.gate = gate;
    }

    @Override
    public Object enter(Object client, Object target, Object request) {
        if (calls.busy()) {
            return null; // a client delegating to another: the outer execute holds the slot
        }
        try {
            Apache4Library library = libraries.get(client.getClass());
            GatedCall call = library == null ? null : library.open(gate, target, request);
            return call == null ? null : calls.enter(call);
        } catch (Throwable t) {
            FailOpen.report("apache-httpclient4 execute", t);
            return null;
        }
    }

    @Override
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
            FailOpen.report("apache-httpclient4 response", t);
            return response;
        }
    }

    @Override
    public void attempt(Object executor, Object response) {
        if (!calls.busy()) {
            return;
        }
        try {
            libraries.get(executor.getClass()).reportAttempt(calls, response);
        } catch (Throwable t) {
            FailOpen.report("apache-httpclient4 attempt", t);
        }
    }
}
