package dev.turnstile.console.it;

import dev.turnstile.console.it.support.Fixture;
import dev.turnstile.console.it.support.Jmx;
import dev.turnstile.console.it.support.SlowLlm;
import dev.turnstile.console.it.support.TargetJvm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code watch} as an operator sees it: the packaged jar through the launcher, in a real 80×24
 * tmux pane (a tmux server of its own, on a private socket), against a JVM whose agent has the 14
 * built-in providers idle and one busy provider. The pane is read with {@code capture-pane}.
 */
class WatchInTmuxIT {

    private static final String SOCKET = "turnstile-watch-it-" + ProcessHandle.current().pid();
    private static final String SESSION = "watch";
    private static SlowLlm llm;
    private static TargetJvm target;
    private static Jmx jmx;

    @BeforeAll
    static void start() throws Exception {
        assertThat(Path.of("/usr/bin/tmux")).as("tmux (apt-get install tmux) runs this test").exists();
        llm = new SlowLlm(600);
        target = TargetJvm.withTurnstile("providers.llm.hosts=127.0.0.1:" + llm.port() + ";providers.llm.limit=2",
                llm.url("/v1/chat/completions"), 12);
        target.awaitStarted(Duration.ofSeconds(60));
        jmx = Jmx.connect(target, Duration.ofSeconds(60));
        Fixture.await(() -> {
            try {
                return jmx.registered(Jmx.provider("llm")) && (Integer) jmx.get(Jmx.provider("llm"), "Queued") > 0;
            } catch (Exception e) {
                return false;
            }
        }, "calls queued on the target", Duration.ofSeconds(60));
    }

    @AfterAll
    static void stop() throws Exception {
        tmux("kill-server");
        if (jmx != null) {
            jmx.close();
        }
        if (target != null) {
            target.close();
        }
        if (llm != null) {
            llm.close();
        }
    }

    @Test
    void at80By24TheHeaderStaysTheIdlePresetsFoldAndAPausedRowSaysSo() throws Exception {
        Path jar = Path.of(System.getProperty("turnstile.console.jar", "target/turnstile-console.jar")).toAbsolutePath();
        Path launcher = Path.of(System.getProperty("turnstile.console.launcher", "turnstile-console")).toAbsolutePath();
        assertThat(jar).as("the executable jar, built by package").exists();
        jmx.invoke(Jmx.provider("llm"), "pause", new Object[] {600_000L}, new String[] {"long"});
        try {
            String command = "env TURNSTILE_CONSOLE_JAR='" + jar + "' JAVA_HOME='" + System.getProperty("java.home")
                    + "' LANG=C.UTF-8 sh '" + launcher + "' watch " + target.pid() + " --interval 300ms";
            tmux("new-session", "-d", "-s", SESSION, "-x", "80", "-y", "24", command);

            List<String> pane = awaitPane(lines -> lines.stream().anyMatch(line -> line.startsWith("llm ")));

            assertThat(pane).as(String.join("\n", pane)).hasSize(24)
                    .allSatisfy(line -> assertThat(line.codePointCount(0, line.length())).isLessThanOrEqualTo(80));
            assertThat(pane.get(0)).startsWith("Turnstile on " + target.pid() + ": enabled");
            assertThat(pane.get(1)).startsWith("q or Ctrl-C quits   read at ");
            assertThat(pane.get(3)).startsWith("PROVIDER").contains("IN FLIGHT", "QUEUED", "LIMIT", "PAUSED");
            assertThat(pane.get(4)).as("the busy, paused provider first").startsWith("llm ").contains("/2", "PAUSED ");
            assertThat(pane.get(5)).startsWith("+ 14 idle providers: openai, anthropic, gemini");
            assertThat(pane).anySatisfy(line -> assertThat(line).startsWith("AGENT"));
            String styled = capture("-e").stream().filter(line -> line.contains("llm ")).findFirst().orElseThrow();
            // tmux writes only what changed from the line before: "7" after a bold header, "1;7" otherwise
            assertThat(styled).as("reverse video, no colour").containsPattern("\u001b\\[(1;)?7m")
                    .doesNotContainPattern("\u001b\\[[0-9;]*3[0-7]m");

            tmux("send-keys", "-t", SESSION, "q");
            Fixture.await(() -> !tmuxSucceeds("has-session", "-t", SESSION), "watch to quit on q", Duration.ofSeconds(20));
        } finally {
            jmx.invoke(Jmx.provider("llm"), "resume", new Object[0], new String[0]);
        }
    }

    private interface PaneCheck {
        boolean ready(List<String> lines);
    }

    /** The visible pane once {@code check} holds (the console's JVM takes a moment to start). */
    private static List<String> awaitPane(PaneCheck check) throws Exception {
        List<List<String>> last = new ArrayList<>();
        Fixture.await(() -> {
            try {
                List<String> lines = capture();
                last.clear();
                last.add(lines);
                return check.ready(lines);
            } catch (Exception e) {
                return false;
            }
        }, "the watch screen in the pane", Duration.ofSeconds(60));
        return last.get(0);
    }

    private static List<String> capture(String... options) throws Exception {
        List<String> command = new ArrayList<>(List.of("capture-pane", "-p", "-t", SESSION));
        command.addAll(List.of(options));
        String text = tmux(command.toArray(new String[0]));
        List<String> lines = new ArrayList<>(text.lines().toList());
        while (lines.size() < 24) {
            lines.add(""); // capture-pane leaves out trailing empty lines
        }
        return lines;
    }

    private static String tmux(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("tmux", "-L", SOCKET, "-f", "/dev/null"));
        command.addAll(List.of(arguments));
        Path output = Files.createTempFile("tmux", ".out");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("tmux " + arguments[0]).isTrue();
            return Files.readString(output, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static boolean tmuxSucceeds(String... arguments) {
        try {
            List<String> command = new ArrayList<>(List.of("tmux", "-L", SOCKET, "-f", "/dev/null"));
            command.addAll(List.of(arguments));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(20, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
