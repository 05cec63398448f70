package dev.turnstile.it.apps;

import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.publisher.Flux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.util.retry.Retry;

import java.time.Duration;
import java.util.List;

/**
 * Spring's {@code WebClient} over Reactor Netty ({@code ReactorClientHttpConnector}), as a
 * Spring application streams a chat completion: {@code retrieve().bodyToFlux(String.class)}, one
 * {@code String} per server-sent event, retrying a 429 at once. {@code call} prints
 * {@code STREAMED <n> events, last <data>} for each completed stream and {@code RETRY <status>}
 * for each retried attempt.
 */
public final class SpringWebClientTestClient implements TestClient, TestClient.Factory {

    private ConnectionProvider connections;
    private WebClient client;

    @Override
    public TestClient create(Duration readTimeout) {
        SpringWebClientTestClient created = new SpringWebClientTestClient();
        created.connections = ConnectionProvider.builder("spring").maxConnections(50).build();
        created.client = WebClient.builder()
                .clientConnector(new ReactorClientHttpConnector(
                        HttpClient.create(created.connections).responseTimeout(readTimeout)))
                .defaultHeader("Authorization", "Bearer sk-test-secret-do-not-log")
                .build();
        return created;
    }

    /** The chat completion's events as the application's {@code Flux<String>}. */
    private Flux<String> stream(String method, String url) {
        WebClient.RequestBodySpec request = client.method(HttpMethod.valueOf(method)).uri(url)
                .accept(MediaType.TEXT_EVENT_STREAM);
        WebClient.RequestHeadersSpec<?> withBody = "GET".equals(method) ? request
                : request.contentType(MediaType.APPLICATION_JSON).bodyValue("{\"model\":\"m\",\"stream\":true}");
        return withBody.retrieve().bodyToFlux(String.class)
                .retryWhen(Retry.max(2) // at once: the gate, not the application, makes the retry wait
                        .filter(WebClientResponseException.TooManyRequests.class::isInstance)
                        .doBeforeRetry(signal -> System.out.println("RETRY "
                                + ((WebClientResponseException) signal.failure()).getStatusCode().value())));
    }

    @Override
    public int call(String method, String url) {
        List<String> events = stream(method, url).collectList().block(Duration.ofSeconds(60));
        System.out.println("STREAMED " + events.size() + " events, last " + (events.isEmpty() ? "none"
                : events.get(events.size() - 1)));
        return 200; // retrieve() fails every other status
    }

    @Override
    public int callAndCloseEarly(String url) {
        String first = stream("POST", url).blockFirst(Duration.ofSeconds(10)); // cancels the rest
        System.out.println("FIRST EVENT " + first);
        return 200;
    }

    @Override
    public void close() {
        connections.disposeLater().block(Duration.ofSeconds(5));
    }
}
