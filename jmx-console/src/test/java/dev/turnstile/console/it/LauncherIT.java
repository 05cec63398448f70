package dev.turnstile.console.it;

import dev.turnstile.console.it.support.Fixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.json.Json;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The packaged jar through the {@code turnstile-console} launcher script, as an operator runs it. */
class LauncherIT {

    private static Fixture fixture;

    @BeforeAll
    static void start() throws Exception {
        fixture = Fixture.get();
    }

    private static Process launch(String... args) throws IOException {
        Path launcher = Path.of(System.getProperty("turnstile.console.launcher", "turnstile-console"));
        Path jar = Path.of(System.getProperty("turnstile.console.jar", "target/turnstile-console.jar"));
        assertThat(jar).as("the executable jar, built by package").exists();
        List<String> command = new ArrayList<>(List.of("sh", launcher.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("TURNSTILE_CONSOLE_JAR", jar.toAbsolutePath().toString());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        return builder.start();
    }

    private static String[] run(String input, String... args) throws Exception {
        Process process = launch(args);
        process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().flush();
        if (!input.isEmpty()) {
            // keep stdin open: a closed stdin must not be what ends 'watch'
        } else {
            process.getOutputStream().close();
        }
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("exited in time").isTrue();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new String[] {String.valueOf(process.exitValue()), out, err};
    }

    @Test
    void statusJsonThroughTheLauncher() throws Exception {
        String[] result = run("", "status", fixture.pid(), "--json");
        assertThat(result[0]).as(result[2]).isEqualTo("0");
        Map<String, Object> status = new Json().toType(result[1], Json.MAP_TYPE);
        assertThat(status).containsEntry("target", fixture.pid());
    }

    @Test
    void badInputExitsNonZeroWithOneLine() throws Exception {
        String[] result = run("", "set-limit", fixture.pid(), "llm", "-3");
        assertThat(result[0]).isEqualTo("2");
        assertThat(result[1]).isEmpty();
        assertThat(result[2].lines().toList()).singleElement().asString().contains("bad limit '-3'");
        assertThat(run("", "--version")[1]).startsWith("turnstile-console 0.");
    }

    @Test
    void watchQuitsOnQ() throws Exception {
        Process process = launch("watch", fixture.pid());
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        for (String line; (line = out.readLine()) != null; ) {
            if (line.startsWith("llm ")) {
                break;
            }
        }
        process.getOutputStream().write("q\n".getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().flush();
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).as("watch quit on q").isTrue();
        assertThat(process.exitValue()).isZero();
    }

    @Test
    void serveStartsOnLoopbackAndPrintsTheToken() throws Exception {
        Process process = launch("serve", fixture.pid(), "--port", "0");
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String url = null;
            String token = null;
            Pattern open = Pattern.compile("Open (http://127\\.0\\.0\\.1:\\d+/)#token=(\\S+) ");
            for (String line; (line = out.readLine()) != null && token == null; ) {
                Matcher matcher = open.matcher(line);
                if (matcher.find()) {
                    url = matcher.group(1);
                    token = matcher.group(2);
                }
            }
            assertThat(token).as("the printed token").isNotNull().hasSizeGreaterThanOrEqualTo(20);
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> status = http.send(HttpRequest.newBuilder(URI.create(url + "api/status")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(status.statusCode()).isEqualTo(200);
            assertThat(status.body()).contains("\"id\":\"llm\"").doesNotContain(token);
            HttpResponse<String> changed = http.send(HttpRequest.newBuilder(URI.create(url + "api/limits"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"providers\":{\"llm\":2}}"))
                    .header("Content-Type", "application/json").header("X-Turnstile-Token", token).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
            int port = URI.create(url).getPort();
            for (InetAddress address : nonLoopbackAddresses()) {
                assertThat(reachable(address, port)).as("serve listens on loopback only, not on " + address).isFalse();
            }
        } finally {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        assertThat(Files.exists(Path.of("target"))).isTrue();
    }

    /** This machine's own addresses that are not loopback (none on a machine without a network). */
    private static List<InetAddress> nonLoopbackAddresses() throws IOException {
        List<InetAddress> addresses = new ArrayList<>();
        for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (network.isUp() && !network.isLoopback()) {
                for (InetAddress address : Collections.list(network.getInetAddresses())) {
                    if (!address.isLinkLocalAddress()) {
                        addresses.add(address);
                    }
                }
            }
        }
        return addresses;
    }

    private static boolean reachable(InetAddress address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 2000);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }
}
