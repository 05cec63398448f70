package dev.turnstile.it.apps;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import javax.management.Attribute;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * One replica of a fleet whose replicas each call the provider through a different HTTP client
 * (arguments: the provider's base URL, the client's name in {@link TestClients}, the turn
 * header's name). It waits for the agent to join the fleet (prints {@code READY}), then obeys
 * lines on standard input, each naming a tag that its last line of output repeats, so that a
 * test can send the same command again and again:
 * <ul>
 *   <li>{@code calls TAG N PATH} — N calls at once, each on a thread of its own (an agent of its
 *       own), read to the end; then {@code DONE TAG ok=… failed=…};</li>
 *   <li>{@code turns TAG PATH T…} — one call per turn start T (epoch millis), at once, each with
 *       T in the turn header and as {@code &turn=T} in its query; then {@code DONE TAG ok=… failed=…};</li>
 *   <li>{@code limit TAG L}, {@code await-limit TAG L} — write, or wait for, provider
 *       {@code test}'s Limit: {@code DONE TAG};</li>
 *   <li>{@code fleet TAG} — {@code FLEET TAG Backend=… Rejoins=… FailOvers=…} of the Fleet MBean;</li>
 *   <li>{@code await-rejoins TAG N} — waits for at least N rejoins and the SHARED backend: {@code DONE TAG};</li>
 *   <li>{@code counters TAG} — the {@code COUNTERS} line of provider {@code test}, then {@code DONE TAG};</li>
 *   <li>{@code jmx TAG} — every attribute of every Turnstile MBean, a line
 *       {@code JMX NAME ATTRIBUTE=VALUE} each, then {@code DONE TAG}.</li>
 * </ul>
 * Each change of the fleet's state prints a line {@code FLEET-STATE shared limits FROM -> TO: REASON}.
 * It ends when standard input closes.
 */
public final class FleetFamiliesApp {

    private static final MBeanServer SERVER = ManagementFactory.getPlatformMBeanServer();
    private static final ObjectName PROVIDER = name("dev.turnstile:type=Provider,name=test");
    private static final ObjectName FLEET = name("dev.turnstile:type=Fleet");

    private final String base;
    private final String turnHeader;
    private final TestClient client;

    private FleetFamiliesApp(String base, TestClient client, String turnHeader) {
        this.base = base;
        this.client = client;
        this.turnHeader = turnHeader;
    }

    public static void main(String[] args) throws Exception {
        FleetFamiliesApp app = new FleetFamiliesApp(args[0], TestClients.create(args[1], Duration.ofSeconds(60)), args[2]);
        FleetApp.awaitAttribute(FLEET, "Backend", "SHARED");
        SERVER.addNotificationListener(FLEET, (notification, handback) ->
                System.out.println("FLEET-STATE " + notification.getMessage()), null, null);
        System.out.println("READY " + args[1]);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            String[] words = line.trim().split(" ");
            try {
                app.obey(words);
            } catch (Exception | AssertionError e) {
                System.out.println("FAILED " + line + ": " + e);
            }
        }
        app.client.close();
    }

    private void obey(String[] words) throws Exception {
        String tag = words[1];
        switch (words[0]) {
            case "calls":
                List<Map<String, String>> plain = new ArrayList<>();
                for (int i = 0; i < Integer.parseInt(words[2]); i++) {
                    plain.add(Map.of());
                }
                calls(tag, base + words[3], plain);
                return;
            case "turns":
                List<Map<String, String>> turns = new ArrayList<>();
                for (int i = 3; i < words.length; i++) {
                    turns.add(Map.of(turnHeader, words[i]));
                }
                calls(tag, base + words[2], turns);
                return;
            case "limit":
                SERVER.setAttribute(PROVIDER, new Attribute("Limit", Integer.parseInt(words[2])));
                break;
            case "await-limit":
                FleetApp.awaitAttribute(PROVIDER, "Limit", Integer.parseInt(words[2]));
                break;
            case "fleet":
                System.out.println("FLEET " + tag + " Backend=" + SERVER.getAttribute(FLEET, "Backend")
                        + " Rejoins=" + SERVER.getAttribute(FLEET, "Rejoins")
                        + " FailOvers=" + SERVER.getAttribute(FLEET, "FailOvers"));
                return;
            case "await-rejoins":
                awaitRejoins(Long.parseLong(words[2]));
                break;
            case "counters":
                ProviderCounters.print("test", 10_000);
                break;
            case "jmx":
                printEveryAttribute();
                break;
            default:
                System.out.println("UNKNOWN " + String.join(" ", words));
                return;
        }
        System.out.println("DONE " + tag);
    }

    /**
     * One call per header set, all at once, each on a new thread (a new agent); the last reports
     * how they ended, off the reading thread. A call with a turn header carries its value in the query too,
     * for the provider's record.
     */
    private void calls(String tag, String url, List<Map<String, String>> headerSets) {
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(headerSets.size());
        for (Map<String, String> headers : headerSets) {
            String target = headers.isEmpty() ? url : url + "&turn=" + headers.get(turnHeader);
            new Thread(() -> {
                try {
                    (client.call("POST", target, headers) == 200 ? ok : failed).incrementAndGet();
                } catch (Exception e) {
                    failed.incrementAndGet();
                    System.out.println("CALL failed " + e);
                } finally {
                    done.countDown();
                }
            }).start();
        }
        new Thread(() -> {
            try {
                done.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            System.out.println("DONE " + tag + " ok=" + ok + " failed=" + failed);
        }).start();
    }

    private static void printEveryAttribute() throws Exception {
        for (ObjectName name : SERVER.queryNames(new ObjectName("dev.turnstile:*"), null)) {
            for (MBeanAttributeInfo attribute : SERVER.getMBeanInfo(name).getAttributes()) {
                Object value;
                try {
                    value = SERVER.getAttribute(name, attribute.getName());
                } catch (Exception unreadable) {
                    value = unreadable;
                }
                String text = value instanceof Object[] ? Arrays.deepToString((Object[]) value) : String.valueOf(value);
                System.out.println("JMX " + name + " " + attribute.getName() + "=" + text);
            }
        }
    }

    private static void awaitRejoins(long atLeast) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while ((Long) SERVER.getAttribute(FLEET, "Rejoins") < atLeast
                || !"SHARED".equals(String.valueOf(SERVER.getAttribute(FLEET, "Backend")))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("never rejoined " + atLeast + " times");
            }
            Thread.sleep(20);
        }
    }

    private static ObjectName name(String name) {
        try {
            return new ObjectName(name);
        } catch (javax.management.MalformedObjectNameException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
