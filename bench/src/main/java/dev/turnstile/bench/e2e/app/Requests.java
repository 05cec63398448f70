package dev.turnstile.bench.e2e.app;

import java.io.BufferedReader;
import java.io.IOException;

/** What both callers send and how they count a streamed answer. */
final class Requests {

    static final String BODY = "{\"model\":\"bench\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    private Requests() {
    }

    static long countEvents(BufferedReader events) throws IOException {
        long count = 0;
        for (String line = events.readLine(); line != null; line = events.readLine()) {
            if (line.startsWith("data:")) {
                count++;
            }
        }
        return count;
    }
}
