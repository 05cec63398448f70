package dev.turnstile.demo.client;

import java.io.IOException;

/** One streamed chat completion against an OpenAI-compatible endpoint, on some HTTP stack. */
public interface ChatClient {

    /** The stack's name as the report shows it. */
    String stack();

    /**
     * Sends the prompt with {@code "stream": true} and reads the answer to its end. A non-2xx
     * answer is returned, not thrown, so the caller can decide to retry.
     */
    ChatAnswer complete(String prompt, int maxTokens) throws IOException, InterruptedException;
}
