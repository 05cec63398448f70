package dev.turnstile.demo.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/** Reads a chat-completions event stream to {@code data: [DONE]} and counts the content tokens. */
public final class SseStream {

    private SseStream() {
    }

    /** The number of chunks that carried content; reads until {@code [DONE]} or the end of the stream. */
    public static int countTokens(InputStream body) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
        int tokens = 0;
        String line;
        while ((line = reader.readLine()) != null) {
            if (!line.startsWith("data:")) {
                continue;
            }
            String data = line.substring(5).trim();
            if (data.equals("[DONE]")) {
                drain(reader);
                break;
            }
            if (data.contains("\"content\":\"")) {
                tokens++;
            }
        }
        return tokens;
    }

    /** Reads what little follows {@code [DONE]}, so that the connection can be reused. */
    private static void drain(BufferedReader reader) throws IOException {
        while (reader.readLine() != null) {
            // nothing: the stream ends here
        }
    }
}
