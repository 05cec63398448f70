package dev.turnstile.observability.apps;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * What the test applications do, knowing nothing of Turnstile: on each line {@code call N PATH} of
 * standard input, N threads each POST once to the provider at PATH with the JDK's HttpClient, and
 * say {@code ANSWER <status>} or {@code ERROR <exception>} when their call ends.
 */
public final class Calls {

    private Calls() {
    }

    /** Serves the commands of standard input on a daemon thread; the JVM ends when its standard input closes. */
    public static void serve(String providerUrl) {
        Thread commands = new Thread(() -> run(providerUrl), "calls");
        commands.start();
    }

    private static void run(String providerUrl) {
        HttpClient client = HttpClient.newHttpClient();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            System.out.println("READY");
            for (String line; (line = in.readLine()) != null; ) {
                String[] words = line.trim().split(" ");
                if (words.length == 3 && words[0].equals("call")) {
                    for (int i = 0; i < Integer.parseInt(words[1]); i++) {
                        call(client, URI.create(providerUrl + words[2]));
                    }
                }
            }
        } catch (Exception e) {
            System.out.println("COMMANDS " + e);
        }
        System.exit(0);
    }

    private static void call(HttpClient client, URI uri) {
        Thread caller = new Thread(() -> {
            try {
                HttpResponse<String> answer = client.send(HttpRequest.newBuilder(uri)
                        .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"m\"}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                System.out.println("ANSWER " + answer.statusCode());
            } catch (Exception e) {
                System.out.println("ERROR " + e);
            }
        }, "caller");
        caller.setDaemon(true);
        caller.start();
    }
}
