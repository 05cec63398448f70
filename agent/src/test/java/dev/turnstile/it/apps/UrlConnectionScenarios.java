package dev.turnstile.it.apps;

import java.io.IOException;
import java.lang.ref.Reference;
import java.net.HttpURLConnection;
import java.util.Set;

/**
 * Scenarios particular to {@code HttpURLConnection}, each ending with a plain call to the second
 * URL that fails (queue timeout) if the first call leaked its slot.
 *
 * <p>Run by {@link CallerLoop} for the client {@code urlconnection}:
 * <ul>
 *   <li>{@code disconnect-then-call} — status only, body never read, then {@code disconnect()};</li>
 *   <li>{@code error-stream-then-call} — a 4xx/5xx whose body is read through {@code getErrorStream};</li>
 *   <li>{@code status-only-then-call} — status only, no stream asked for (for an answer without body);</li>
 *   <li>{@code error-unread-then-call} — a 4xx/5xx: {@code getInputStream} throws, and the application
 *       keeps the connection but neither reads its error stream nor disconnects.</li>
 * </ul>
 */
public final class UrlConnectionScenarios {

    private static final Set<String> SCENARIOS =
            Set.of("disconnect-then-call", "error-stream-then-call", "status-only-then-call", "error-unread-then-call");

    private UrlConnectionScenarios() {
    }

    /** True for the scenarios of this class. */
    static boolean knows(String scenario) {
        return SCENARIOS.contains(scenario);
    }

    /** Runs {@code scenario}; returns how many calls failed. */
    static int run(UrlConnectionTestClient client, String scenario, String url, String second) {
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
                case "error-unread-then-call": {
                    HttpURLConnection connection = client.send("POST", url);
                    try {
                        connection.getInputStream().close();
                    } catch (IOException expected) {
                        System.out.println("FIRST status=" + connection.getResponseCode() + " thrown="
                                + expected.getClass().getSimpleName());
                    }
                    System.out.println("THEN status=" + client.call("POST", second));
                    Reference.reachabilityFence(connection); // still held: only the exception can release
                    return 0;
                }
                default:
                    throw new IllegalArgumentException("unknown scenario " + scenario);
            }
            System.out.println("THEN status=" + client.call("POST", second));
            return 0;
        } catch (Exception e) {
            System.out.println("ERROR " + CallerMain.describe(e));
            return 1;
        }
    }
}
