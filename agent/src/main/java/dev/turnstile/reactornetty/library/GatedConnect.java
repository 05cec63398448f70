package dev.turnstile.reactornetty.library;

import dev.turnstile.http.DeferredExchange;
import dev.turnstile.http.Gate;
import dev.turnstile.http.GatedCall;
import dev.turnstile.log.FailOpen;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A client's connect {@code Mono}, gated per subscription: each subscription is one attempt (a
 * {@code retry()} subscribes again), which opens its own call on the subscribing thread, waits for
 * its slot without blocking anyone, and only then subscribes to the connect {@code Mono}, which
 * acquires the connection and writes the request. The response's end ends the call
 * ({@link ExchangeEnd}).
 */
final class GatedConnect {

    private GatedConnect() {
    }

    static Mono<Connection> of(Mono<Connection> connect, Gate gate, RequestTarget target) {
        return Mono.defer(() -> attempt(connect, gate, target));
    }

    private static Mono<Connection> attempt(Mono<Connection> connect, Gate gate, RequestTarget target) {
        GatedCall call = null;
        try {
            call = target.open(gate);
            if (call == null) {
                return connect; // the configuration changed since the request was built
            }
            DeferredExchange exchange = DeferredExchange.request(call);
            Mono<Connection> watched = ExchangeEnd.watch(connect, call);
            return exchange.grantedAtOnce() ? watched : granted(exchange).then(watched);
        } catch (Throwable t) {
            FailOpen.report("reactor-netty exchange", t);
            if (call != null) {
                call.fail();
            }
            return connect;
        }
    }

    /**
     * Completes when the slot is granted, on the granting thread; fails with the queue timeout's
     * {@link java.io.IOException}. Cancelling it while queued withdraws the call.
     */
    private static Mono<Void> granted(DeferredExchange exchange) {
        return Mono.create(sink -> {
            AtomicBoolean withdrawn = new AtomicBoolean();
            sink.onCancel(() -> {
                withdrawn.set(true);
                exchange.cancel(false);
            });
            exchange.startWhenGranted(new DeferredExchange.Client() {
                @Override
                public void start() {
                    sink.success();
                }

                @Override
                public void fail(Throwable why) {
                    if (!withdrawn.get()) { // a cancelled subscriber hears nothing more
                        sink.error(why);
                    }
                }
            });
        });
    }
}
