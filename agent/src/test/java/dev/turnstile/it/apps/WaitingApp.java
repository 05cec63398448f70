package dev.turnstile.it.apps;

import java.io.BufferedReader;
import java.io.InputStreamReader;

/**
 * Starts without any agent, prints READY, waits for a line on standard input, then runs one
 * {@link CallerMain} scenario: the test attaches the agent in between.
 */
public final class WaitingApp {

    private WaitingApp() {
    }

    public static void main(String[] args) throws Exception {
        // Create the client before the attach, as a long-running application would.
        TestClient early = TestClients.create(args[0], java.time.Duration.ofSeconds(10));
        System.out.println("READY");
        System.out.flush();
        new BufferedReader(new InputStreamReader(System.in)).readLine();
        System.out.println("EARLY-CLIENT status=" + early.call("POST", args[2]));
        CallerMain.main(args);
    }
}
