package dev.turnstile.it.apps;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An application built on the official Anthropic Java SDK (OkHttp underneath), knowing nothing
 * of Turnstile. {@code AnthropicSdkApp <baseUrl> <calls> <maxRetries>}: that many calls at once,
 * in turn a blocking message, a blocking stream and an async message; one line per call.
 */
public final class AnthropicSdkApp {

    private AnthropicSdkApp() {
    }

    public static void main(String[] args) throws Exception {
        String baseUrl = args[0];
        int calls = Integer.parseInt(args[1]);
        int maxRetries = Integer.parseInt(args[2]);
        AnthropicClient client = AnthropicOkHttpClient.builder()
                .baseUrl(baseUrl)
                .apiKey("sk-ant-test-secret-do-not-log")
                .maxRetries(maxRetries)
                .timeout(Duration.ofSeconds(30))
                .build();
        MessageCreateParams params = MessageCreateParams.builder()
                .model("claude-test")
                .maxTokens(64)
                .addUserMessage("Say hello")
                .build();
        CyclicBarrier start = new CyclicBarrier(calls);
        AtomicInteger failures = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            int index = i;
            Thread thread = new Thread(() -> {
                String kind = index % 3 == 0 ? "message" : index % 3 == 1 ? "stream" : "async";
                try {
                    start.await(10, TimeUnit.SECONDS);
                    String text = call(client, params, kind);
                    System.out.println("CALL " + index + " " + kind + " OK text=" + text);
                } catch (Exception e) {
                    failures.incrementAndGet();
                    System.out.println("CALL " + index + " " + kind + " ERROR " + CallerMain.describe(e));
                }
            }, "agent-" + i);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join(60_000);
        }
        client.close();
        System.out.println("DONE failures=" + failures.get());
        System.out.flush();
        System.exit(failures.get() == 0 ? 0 : 1);
    }

    private static String call(AnthropicClient client, MessageCreateParams params, String kind) throws Exception {
        switch (kind) {
            case "message":
                return text(client.messages().create(params));
            case "stream":
                MessageAccumulator accumulator = MessageAccumulator.create();
                try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(params)) {
                    stream.stream().forEach(accumulator::accumulate);
                }
                return text(accumulator.message());
            default:
                return text(client.async().messages().create(params).get(60, TimeUnit.SECONDS));
        }
    }

    private static String text(Message message) {
        return message.content().get(0).text().map(block -> block.text()).orElse("(no text)");
    }
}
