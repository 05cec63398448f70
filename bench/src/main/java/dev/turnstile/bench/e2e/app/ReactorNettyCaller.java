package dev.turnstile.bench.e2e.app;

import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;

/** Reactor Netty's {@code HttpClient}, blocking on each answer (aggregated) from the calling thread. */
final class ReactorNettyCaller implements Caller {

    private final HttpClient client;

    ReactorNettyCaller(String baseUrl) {
        client = HttpClient.create().baseUrl(baseUrl).headers(headers -> headers.set("Content-Type", "application/json"));
    }

    @Override
    public long small() {
        byte[] body = client.post().uri("/small").send(ByteBufFlux.fromString(Mono.just(Requests.BODY)))
                .responseSingle((response, content) -> content.asByteArray()).block();
        return body == null ? 0 : body.length;
    }

    @Override
    public long stream() throws IOException {
        String events = client.post().uri("/stream").send(ByteBufFlux.fromString(Mono.just(Requests.BODY)))
                .responseSingle((response, content) -> content.asString()).block();
        return Requests.countEvents(new BufferedReader(new StringReader(events == null ? "" : events)));
    }
}
