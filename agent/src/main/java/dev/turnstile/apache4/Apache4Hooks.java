package dev.turnstile.apache4;

import dev.turnstile.agent.BlockingClientHooks;
import dev.turnstile.bootstrap.Apache4Bridge;
import dev.turnstile.http.Gate;

/** Gates Apache HttpClient 4: the caller waits for its slot in {@code doExecute}, on its own thread. */
final class Apache4Hooks implements Apache4Bridge.Hooks {

    private final BlockingClientHooks<Apache4Library> hooks;

    Apache4Hooks(Gate gate) {
        this.hooks = new BlockingClientHooks<>(gate, "apache-httpclient4", Apache4Library.class,
                "dev.turnstile.apache4.library.Apache4Adapter");
    }

    @Override
    public Object enter(Object client, Object target, Object request) {
        return hooks.enter(client, target, request);
    }

    @Override
    public Object exit(Object token, Object response, Throwable thrown) {
        return hooks.exit(token, response, thrown);
    }

    @Override
    public void attempt(Object executor, Object response) {
        hooks.attempt(executor, response);
    }
}
