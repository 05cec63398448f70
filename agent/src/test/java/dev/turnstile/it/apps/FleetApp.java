package dev.turnstile.it.apps;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javax.management.Attribute;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * One replica of a service whose provider limit is shared through Redis: it waits for the agent
 * to join the fleet (prints {@code READY}), then obeys lines on standard input:
 * {@code calls N PATH} (N calls at once through the JDK HttpClient, then {@code CALLS-DONE}),
 * {@code limit L} (a JMX write of provider {@code test}'s Limit), {@code await-limit L},
 * {@code await-provider ATTRIBUTE NUMBER} (of provider {@code test}'s MBean),
 * {@code await-fleet ATTRIBUTE VALUE} (of the Fleet MBean), {@code counters}. It ends when standard input closes.
 */
public final class FleetApp {

    private static final MBeanServer SERVER = ManagementFactory.getPlatformMBeanServer();

    private FleetApp() {
    }

    public static void main(String[] args) throws Exception {
        String base = args[0];
        ObjectName provider = new ObjectName("dev.turnstile:type=Provider,name=test");
        ObjectName fleet = new ObjectName("dev.turnstile:type=Fleet");
        awaitAttribute(fleet, "Backend", "SHARED");
        System.out.println("READY");
        HttpClient client = HttpClient.newHttpClient();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            String[] words = line.trim().split(" ");
            switch (words[0]) {
                case "calls":
                    calls(client, Integer.parseInt(words[1]), base + words[2]);
                    break;
                case "limit":
                    SERVER.setAttribute(provider, new Attribute("Limit", Integer.parseInt(words[1])));
                    System.out.println("LIMIT-SET " + words[1]);
                    break;
                case "await-limit":
                    awaitAttribute(provider, "Limit", Integer.parseInt(words[1]));
                    System.out.println("LIMIT " + words[1]);
                    break;
                case "await-provider": // await-provider ATTRIBUTE NUMBER, of provider test's MBean
                    awaitAttribute(provider, words[1], Integer.parseInt(words[2]));
                    System.out.println("PROVIDER " + words[1] + " " + words[2]);
                    break;
                case "await-fleet": // await-fleet ATTRIBUTE VALUE, of the Fleet MBean
                    awaitAttribute(fleet, words[1], words[2]);
                    System.out.println("FLEET " + words[1] + " " + words[2]);
                    break;
                case "counters":
                    ProviderCounters.print("test", 10_000);
                    break;
                default:
                    System.out.println("UNKNOWN " + line);
            }
        }
    }

    /** Starts {@code count} calls at once; prints each status, then {@code CALLS-DONE count} (off the reading thread). */
    private static void calls(HttpClient client, int count, String url) {
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"m\"}")).build();
            calls.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return client.send(request, HttpResponse.BodyHandlers.ofString());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, runnable -> new Thread(runnable).start()));
        }
        CompletableFuture.allOf(calls.toArray(new CompletableFuture<?>[0])).whenComplete((done, failure) -> {
            for (CompletableFuture<HttpResponse<String>> call : calls) {
                System.out.println(call.isCompletedExceptionally() ? "CALL failed" : "CALL status=" + call.join().statusCode());
            }
            System.out.println("CALLS-DONE " + count);
        });
    }

    static void awaitAttribute(ObjectName name, String attribute, Object value) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!SERVER.isRegistered(name) || !(value instanceof String ? String.valueOf(SERVER.getAttribute(name, attribute))
                : SERVER.getAttribute(name, attribute)).equals(value)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " " + attribute + " never became " + value);
            }
            Thread.sleep(20);
        }
    }
}
