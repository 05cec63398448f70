package dev.turnstile.console.it;

import dev.turnstile.console.it.support.Cli;
import dev.turnstile.console.it.support.Console;
import dev.turnstile.console.it.support.Fixture;
import dev.turnstile.console.it.support.Jmx;
import dev.turnstile.console.it.support.SlowLlm;
import dev.turnstile.console.it.support.TargetJvm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A target whose calls all carry {@code Authorization: Bearer sk-…} and {@code x-api-key: …}, with the
 * agent at {@code trace} and told to name agents by the key header: no output of the console's commands
 * and no answer of the web console's API shows either secret.
 */
class ConsoleSecretsIT {

    private static final String BEARER = "sk-proj-" + UUID.randomUUID().toString().replace("-", "");
    private static final String API_KEY = "xk-" + UUID.randomUUID().toString().replace("-", "");

    private static SlowLlm llm;
    private static TargetJvm target;
    private static Jmx jmx;

    @BeforeAll
    static void start() throws Exception {
        llm = new SlowLlm(300);
        target = TargetJvm.withTurnstileAndHeaders("presets=false;log.level=trace;priority.agent=header:x-api-key"
                        + ";providers.llm.hosts=127.0.0.1:" + llm.port() + ";providers.llm.limit=1",
                llm.url("/v1/chat/completions"), 3, "Authorization: Bearer " + BEARER + "\nx-api-key: " + API_KEY);
        target.awaitStarted(Duration.ofSeconds(60));
        jmx = Jmx.connect(target, Duration.ofSeconds(60));
        Fixture.await(() -> {
            try {
                return (Integer) jmx.get(Jmx.provider("llm"), "Queued") > 0 && llm.answered() > 0;
            } catch (Exception e) {
                return false;
            }
        }, "calls answered and queued on the target");
        assertThat(llm.lastAuthorization()).as("the calls carry the secret").isEqualTo("Bearer " + BEARER);
    }

    @AfterAll
    static void stop() throws Exception {
        jmx.close();
        target.close();
        llm.close();
    }

    @Test
    void noCommandShowsASecret() {
        String pid = String.valueOf(target.pid());
        List<String[]> commands = List.of(new String[] {"status", pid}, new String[] {"status", pid, "--json"},
                new String[] {"status", target.hostPort(), "--json"}, new String[] {"agents", pid},
                new String[] {"agents", pid, "--json"}, new String[] {"watch", pid, "--frames", "1"},
                new String[] {"list"}, new String[] {"list", "--json"}, new String[] {"set-limit", pid, "nope", "1"});
        for (String[] command : commands) {
            Cli cli = Cli.run(command);
            assertThat(cli.out + cli.err).as(String.join(" ", command)).isNotEmpty();
            assertNoSecret(String.join(" ", command), cli.out + cli.err);
        }
        Cli agents = Cli.run("agents", pid, "--json");
        assertThat(agents.out).as("the agents are threads, not the key header").contains("caller-");
    }

    @Test
    void noAnswerOfTheWebApiShowsASecret() throws Exception {
        try (Console console = new Console(target.hostPort())) {
            HttpClient http = HttpClient.newHttpClient();
            Fixture.await(() -> get(http, console.url("/api/history")).contains("\"samples\":[{"), "a history sample");
            List<String> answers = new ArrayList<>();
            for (String path : List.of("/", "/console.js", "/api/status", "/api/providers", "/api/providers/llm",
                    "/api/limits", "/api/history", "/api/providers/nope")) {
                answers.add(path + " " + get(http, console.url(path)));
            }
            assertThat(answers).anyMatch(answer -> answer.startsWith("/api/status") && answer.contains("caller-"));
            answers.forEach(answer -> assertNoSecret(answer.substring(0, answer.indexOf(' ')), answer));
        }
    }

    @Test
    void theTargetsOwnOutputShowsNoSecretEitherAtTrace() {
        List<String> output = target.output();
        assertThat(output).as("the agent's start line").anyMatch(line -> line.contains("Turnstile") && line.contains("started"));
        output.forEach(line -> assertNoSecret("target output", line));
    }

    private static String get(HttpClient http, String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            return "";
        }
    }

    private static void assertNoSecret(String where, String text) {
        assertThat(text).as(where).doesNotContain(BEARER).doesNotContain(API_KEY)
                .doesNotContain(BEARER.substring(8, 20)).doesNotContain(API_KEY.substring(3, 15));
    }
}
