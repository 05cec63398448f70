package dev.turnstile.it.apps;

import java.net.HttpURLConnection;
import java.time.Duration;

/**
 * Scenarios particular to {@code HttpURLConnection}, each ending with a plain call to the second
 * URL that fails (queue timeout) if the first call leaked its slot.
 *
 * <p>{@code UrlConnectionScenarios <scenario> <url> <second-url>}:
 * <ul>
 *   <li>{@code disconnect-then-call} — status only, body never read, then {@code disconnect()};</li>
 *   <li>{@code error-stream-then-call} — a 4xx/5xx whose body is read through {@code getErrorStream};</li>
 *   <li>{@code status-only-then-call} — status only, no stream asked for (for an answer without body).</li>
 * </ul>
 */
public final class UrlConnectionScenarios {

    private UrlConnectionScenarios() {
    }

    public static void main(String[] args) throws Exception {
        String scenario = args[0];
        String url = args[1];
        String second = args[2];
        UrlConnectionTestClient client = (UrlConnectionTestClient) new UrlConnectionTestClient()
                .create(Duration.ofSeconds(10));
        int failures = 0;
        try {
            switch (scenario) {
                case "disconnect-then-call": {
                    HttpURLConnection connection = client.send("POST", url);
                    System.out.println("FIRST status=" + connection.getResponseCode());
                    connection.disconnect();
                    break;
                }
                case "error-stream-then-call":
                    System.out.println("FIRST status=" + client.call("POST", url));
                    break;
                case "status-only-then-call": {
                    HttpURLConnection connection = client.send("POST", url);
                    System.out.println("FIRST status=" + connection.getResponseCode());
                    break;
                }
                default:
                    throw new IllegalArgumentException("unknown scenario " + scenario);
            }
            System.out.println("THEN status=" + client.call("POST", second));
        } catch (Exception e) {
            failures++;
            System.out.println("ERROR " + CallerMain.describe(e));
        }
        System.out.println("DONE failures=" + failures);
        System.out.flush();
        System.exit(failures == 0 ? 0 : 1);
    }
}
