package dev.turnstile.it.apps;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.ai.openai.api.OpenAiApi;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import java.time.Duration;
import java.util.List;

/**
 * Spring AI 1.1's {@code ChatClient.stream()} on its OpenAI model, as a Spring AI 1.x application
 * streams: {@code OpenAiApi} sends streamed completions through its {@code WebClient}, here over
 * Reactor Netty ({@code ReactorClientHttpConnector}), to the provider at {@code url} (the base URL,
 * {@code /v1/chat/completions} appended). {@code call} prints {@code STREAMED <n> chunks: <text>},
 * the chunks' contents joined, for each completed stream.
 */
public final class SpringAiTestClient implements TestClient, TestClient.Factory {

    private ConnectionProvider connections;
    private Duration readTimeout;

    @Override
    public TestClient create(Duration readTimeout) {
        SpringAiTestClient created = new SpringAiTestClient();
        created.connections = ConnectionProvider.builder("spring-ai").maxConnections(50).build();
        created.readTimeout = readTimeout;
        return created;
    }

    private ChatClient chatClient(String baseUrl) {
        WebClient.Builder webClient = WebClient.builder().clientConnector(new ReactorClientHttpConnector(
                HttpClient.create(connections).responseTimeout(readTimeout)));
        OpenAiApi api = OpenAiApi.builder().baseUrl(baseUrl).apiKey("sk-test-secret-do-not-log")
                .webClientBuilder(webClient).build();
        OpenAiChatModel model = OpenAiChatModel.builder().openAiApi(api)
                .defaultOptions(OpenAiChatOptions.builder().model("m").build()).build();
        return ChatClient.create(model);
    }

    @Override
    public int call(String method, String url) {
        List<String> chunks = chatClient(url).prompt().user("Say something").stream().content()
                .collectList().block(Duration.ofSeconds(60));
        System.out.println("STREAMED " + chunks.size() + " chunks: " + String.join("", chunks));
        return 200; // a failed stream throws
    }

    @Override
    public int callAndCloseEarly(String url) {
        String first = chatClient(url).prompt().user("Say something").stream().content()
                .blockFirst(Duration.ofSeconds(10)); // cancels the rest
        System.out.println("FIRST CHUNK " + first);
        return 200;
    }

    @Override
    public void close() {
        connections.disposeLater().block(Duration.ofSeconds(5));
    }
}
