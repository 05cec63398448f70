package dev.turnstile.console.it;

import dev.turnstile.console.it.support.Cli;
import dev.turnstile.console.it.support.Fixture;
import dev.turnstile.console.it.support.Jmx;
import dev.turnstile.console.it.support.TargetJvm;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.json.Json;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every command against a child JVM running the agent, through a local process id (Attach API),
 * host:port and a service:jmx: URL; {@code --json} output parsed by an independent JSON reader;
 * every kind of bad input: one line on standard error and a non-zero exit code.
 */
class CommandLineIT {

    private static Fixture fixture;

    @BeforeAll
    static void start() throws Exception {
        fixture = Fixture.get();
    }

    @BeforeEach
    void reset() throws Exception {
        fixture.reset();
    }

    private static String[] targets() {
        return new String[] {fixture.pid(), fixture.target.hostPort(), fixture.target.serviceUrl()};
    }

    private static Map<String, Object> llmOf(Map<String, Object> status) {
        return providerOf(status, "llm");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> providerOf(Map<String, Object> status, String id) {
        List<Map<String, Object>> providers = (List<Map<String, Object>>) status.get("providers");
        return providers.stream().filter(p -> id.equals(p.get("id"))).findFirst().orElseThrow();
    }

    private static Map<String, Object> json(String text) {
        return new Json().toType(text, Json.MAP_TYPE);
    }

    private static List<Map<String, Object>> rows(String text) {
        return new Json().toType(text, Json.LIST_OF_MAPS_TYPE);
    }

    // ------------------------------------------------------------------ reads

    @Test
    void statusShowsATableOfProvidersOnEveryKindOfTarget() {
        for (String target : targets()) {
            Cli cli = Cli.run("status", target);
            assertThat(cli.exitCode).as(cli.toString()).isZero();
            assertThat(cli.err).isEmpty();
            assertThat(cli.out).contains("Turnstile on " + target + ": enabled")
                    .contains("PROVIDER", "LIMIT", "EFFECTIVE", "IN FLIGHT", "QUEUED", "PAUSED", "429s", "RECLAIMED",
                            "WAIT P50", "WAIT P99");
            String row = cli.out.lines().filter(line -> line.startsWith("llm ")).findFirst().orElseThrow();
            assertThat(row.trim().split("\\s+")).as(row).startsWith("llm", "2", "2");
        }
    }

    @Test
    void statusJsonHasEveryNumberOfEveryProvider() throws Exception {
        Fixture.await(() -> {
            Map<String, Object> llm = llmOf(json(Cli.run("status", fixture.pid(), "--json").out));
            return ((Number) llm.get("queued")).intValue() > 0 && ((Number) llm.get("completed")).longValue() > 0;
        }, "queued and completed calls in status --json");
        for (String target : targets()) {
            Cli cli = Cli.run("status", target, "--json");
            assertThat(cli.exitCode).as(cli.toString()).isZero();
            Map<String, Object> status = json(cli.out);
            assertThat(status).containsEntry("target", target).containsEntry("enabled", true)
                    .containsEntry("globalLimit", 0L).containsKeys("globalInFlight", "globalQueued", "agents", "takenAtMillis");
            Map<String, Object> llm = llmOf(status);
            assertThat(llm).containsEntry("limit", 2L).containsEntry("effectiveLimit", 2L)
                    .containsEntry("paused", false).containsEntry("hosts", "127.0.0.1:" + fixture.llm.port())
                    .containsKeys("inFlight", "queued", "pauseRemainingMillis", "rateLimited", "reclaimed",
                            "waitP50Millis", "waitP99Millis", "started", "completed");
            assertThat(((Number) llm.get("inFlight")).intValue()).isBetween(0, 2);
        }
    }

    @Test
    void agentsListsTheCallingThreadsWithTheirTurnAge() throws Exception {
        Fixture.await(() -> rows(Cli.run("agents", fixture.pid(), "--json").out).size() >= 3, "agents with calls");
        Cli cli = Cli.run("agents", fixture.target.hostPort(), "--json");
        assertThat(cli.exitCode).as(cli.toString()).isZero();
        List<Map<String, Object>> rows = rows(cli.out);
        assertThat(rows).isNotEmpty().allSatisfy(row -> {
            assertThat(row.get("agent").toString()).startsWith("caller-");
            assertThat(row).containsEntry("provider", "llm").containsKeys("turnAgeMillis", "turnCalls", "inFlight", "queued");
        });
        Cli text = Cli.run("agents", fixture.pid());
        assertThat(text.exitCode).as(text.toString()).isZero();
        assertThat(text.out).contains("AGENT", "PROVIDER", "TURN AGE", "caller-");
    }

    @Test
    void watchDrawsFramesWithInFlightBars() {
        Cli cli = Cli.run("watch", fixture.pid(), "--frames", "2", "--interval", "200ms");
        assertThat(cli.exitCode).as(cli.toString()).isZero();
        assertThat(cli.out).contains("q or Ctrl-C quits", "IN FLIGHT");
        assertThat(cli.out.lines().filter(line -> line.startsWith("llm ") && line.matches(".*\\[[#.]{20}] \\d/2.*")))
                .as(cli.out).hasSize(2);
    }

    @Test
    void listMarksTheJvmThatRunsTurnstile() {
        Cli cli = Cli.run("list", "--json");
        assertThat(cli.exitCode).as(cli.toString()).isZero();
        List<Map<String, Object>> jvms = rows(cli.out);
        assertThat(jvms).anySatisfy(jvm -> {
            assertThat(jvm).containsEntry("pid", fixture.target.pid()).containsEntry("turnstile", "yes")
                    .containsEntry("note", "started with -javaagent");
            assertThat(jvm.get("main").toString()).endsWith("CallingApp");
        });
        assertThat(jvms).anySatisfy(jvm -> assertThat(jvm).containsEntry("pid", fixture.plain.pid())
                .containsEntry("turnstile", "no").containsKey("note"));
        assertThat(jvms).as("every row says why").allSatisfy(jvm -> assertThat(jvm.get("note").toString()).isNotBlank());
        Cli text = Cli.run("list");
        assertThat(text.out).containsPattern("(?m)^\\s*" + fixture.target.pid() + "\\s+yes\\s+\\S*CallingApp\\s+started with -javaagent$")
                .contains("WHY");
    }

    // ------------------------------------------------------------------ changes

    @Test
    void setLimitReachesTheJvmThroughEveryKindOfTarget() throws Exception {
        int limit = 3;
        for (String target : targets()) {
            Cli cli = Cli.run("set-limit", target, "llm", String.valueOf(limit));
            assertThat(cli.exitCode).as(cli.toString()).isZero();
            assertThat(cli.out).contains("llm: limit " + (limit == 3 ? 2 : limit - 1) + " -> " + limit);
            assertThat(fixture.jmx.limit("llm")).isEqualTo(limit);
            limit++;
        }
        Cli unlimited = Cli.run("set-limit", fixture.pid(), "llm", "0");
        assertThat(unlimited.out).contains("-> unlimited");
        assertThat(fixture.jmx.limit("llm")).isZero();
    }

    @Test
    void setGlobalLimit() throws Exception {
        Cli cli = Cli.run("set-global-limit", fixture.target.hostPort(), "1");
        assertThat(cli.exitCode).as(cli.toString()).isZero();
        assertThat(cli.out).contains("global limit unlimited -> 1");
        assertThat(fixture.jmx.get(Jmx.TURNSTILE, "GlobalLimit")).isEqualTo(1);
        Fixture.await(() -> {
            try {
                return (Integer) fixture.jmx.get(Jmx.TURNSTILE, "GlobalInFlight") <= 1;
            } catch (Exception e) {
                return false;
            }
        }, "at most one call in flight under a global limit of 1");
    }

    @Test
    void pauseAndResume() throws Exception {
        Cli pause = Cli.run("pause", fixture.pid(), "llm", "30s");
        assertThat(pause.exitCode).as(pause.toString()).isZero();
        assertThat(pause.out).containsPattern("llm: paused, (29|30)\\.\\ds left");
        assertThat(fixture.jmx.get(Jmx.provider("llm"), "Paused")).isEqualTo(true);
        assertThat((Long) fixture.jmx.get(Jmx.provider("llm"), "PauseRemainingMillis")).isGreaterThan(20_000L);
        Cli status = Cli.run("status", fixture.pid());
        assertThat(status.out).containsPattern("llm .* yes, \\d\\d\\.\\ds left");

        Cli resume = Cli.run("resume", fixture.target.hostPort(), "llm");
        assertThat(resume.exitCode).as(resume.toString()).isZero();
        assertThat(resume.out).contains("llm: resumed");
        assertThat(fixture.jmx.get(Jmx.provider("llm"), "Paused")).isEqualTo(false);
    }

    @Test
    void setBudgetChangesRpmAndTpmAndStatusShowsThem() throws Exception {
        assertThat(Cli.run("add-provider", fixture.pid(), "metered", "metered.example.com", "0").exitCode).isZero();
        try {
            Cli set = Cli.run("set-budget", fixture.pid(), "metered", "--rpm", "30", "--tpm", "200000");
            assertThat(set.exitCode).as(set.toString()).isZero();
            assertThat(set.out).contains("metered: rpm off -> 30", "metered: tpm off -> 200000");
            assertThat(fixture.jmx.get(Jmx.provider("metered"), "Rpm")).isEqualTo(30);
            assertThat(fixture.jmx.get(Jmx.provider("metered"), "Tpm")).isEqualTo(200_000L);

            assertThat(Cli.run("status", fixture.pid()).out).contains("budget metered: rpm 30 (30 left) tpm 200000 (200000 left)");
            Map<String, Object> metered = providerOf(json(Cli.run("status", fixture.pid(), "--json").out), "metered");
            assertThat(metered).containsEntry("rpm", 30L).containsEntry("tpm", 200_000L).containsEntry("budgetHold", "");

            Cli bad = Cli.run("set-budget", fixture.pid(), "metered");
            assertThat(bad.exitCode).as(bad.toString()).isEqualTo(2);
            assertThat(Cli.run("set-budget", fixture.pid(), "metered", "--rpm", "0").out).contains("metered: rpm 30 -> off");
        } finally {
            Cli.run("remove-provider", fixture.pid(), "metered");
        }
    }

    @Test
    void addAndRemoveAProvider() throws Exception {
        Cli add = Cli.run("add-provider", fixture.pid(), "extra", "llm.example.com,*.example.org", "4");
        assertThat(add.exitCode).as(add.toString()).isZero();
        assertThat(add.out).contains("provider extra added");
        assertThat(fixture.jmx.registered(Jmx.provider("extra"))).isTrue();
        assertThat(fixture.jmx.limit("extra")).isEqualTo(4);
        assertThat(fixture.jmx.get(Jmx.provider("extra"), "Hosts")).isEqualTo("llm.example.com,*.example.org");

        Cli remove = Cli.run("remove-provider", fixture.target.serviceUrl(), "extra");
        assertThat(remove.exitCode).as(remove.toString()).isZero();
        assertThat(remove.out).contains("provider extra removed");
        assertThat(fixture.jmx.registered(Jmx.provider("extra"))).isFalse();
    }

    // ------------------------------------------------------------------ help

    @ParameterizedTest
    @ValueSource(strings = {"", "list", "status", "watch", "set-limit", "set-budget", "set-global-limit", "pause", "resume",
            "add-provider", "remove-provider", "agents", "serve"})
    void everyCommandHasHelp(String command) {
        Cli cli = command.isEmpty() ? Cli.run("--help") : Cli.run(command, "--help");
        assertThat(cli.exitCode).as(cli.toString()).isZero();
        assertThat(cli.out).contains("Usage: turnstile-console" + (command.isEmpty() ? "" : " " + command));
        assertThat(cli.err).isEmpty();
    }

    // ------------------------------------------------------------------ bad input

    private static void assertOneLineError(Cli cli, int exitCode, String... expected) {
        assertThat(cli.exitCode).as(cli.toString()).isEqualTo(exitCode);
        assertThat(cli.out).as(cli.toString()).isEmpty();
        assertThat(cli.errLines()).as(cli.toString()).hasSize(1);
        assertThat(cli.err).startsWith("turnstile-console: ").contains(expected);
    }

    @Test
    void anUnknownCommand() {
        assertOneLineError(Cli.run("frobnicate", fixture.pid()), 2, "unknown command 'frobnicate'", "status");
    }

    @Test
    void noCommandAtAll() {
        assertOneLineError(Cli.run(), 2, "a command is needed");
    }

    @Test
    void anUnknownProvider() throws Exception {
        for (String[] args : List.of(new String[] {"set-limit", fixture.pid(), "nope", "3"},
                new String[] {"pause", fixture.pid(), "nope", "5s"}, new String[] {"resume", fixture.pid(), "nope"},
                new String[] {"remove-provider", fixture.pid(), "nope"})) {
            assertOneLineError(Cli.run(args), 1, "unknown provider 'nope'", "providers: llm");
        }
        assertThat(fixture.jmx.limit("llm")).isEqualTo(2);
    }

    @Test
    void aLimitThatIsNotANumber() throws Exception {
        assertOneLineError(Cli.run("set-limit", fixture.pid(), "llm", "lots"), 2, "bad limit 'lots'", "whole number");
        assertOneLineError(Cli.run("set-limit", fixture.pid(), "llm", "2.5"), 2, "bad limit '2.5'");
        assertOneLineError(Cli.run("set-global-limit", fixture.pid(), "x"), 2, "bad limit 'x'");
        assertOneLineError(Cli.run("add-provider", fixture.pid(), "extra", "a.example.com", "many"), 2, "bad limit 'many'");
        assertThat(fixture.jmx.limit("llm")).isEqualTo(2);
    }

    @Test
    void aNegativeLimit() throws Exception {
        assertOneLineError(Cli.run("set-limit", fixture.pid(), "llm", "-1"), 2, "bad limit '-1'", "cannot be negative");
        assertOneLineError(Cli.run("set-global-limit", fixture.pid(), "-5"), 2, "bad limit '-5'");
        assertOneLineError(Cli.run("add-provider", fixture.pid(), "extra", "a.example.com", "-2"), 2, "bad limit '-2'");
        assertThat(fixture.jmx.limit("llm")).isEqualTo(2);
        assertThat(fixture.jmx.providerIds()).containsExactly("llm");
    }

    @Test
    void aBadDuration() {
        assertOneLineError(Cli.run("pause", fixture.pid(), "llm", "soon"), 2, "bad duration 'soon'", "30s");
        assertOneLineError(Cli.run("pause", fixture.pid(), "llm", "30"), 2, "needs a unit");
    }

    @Test
    void anUnreachableTarget() throws Exception {
        int closed = TargetJvm.freePort();
        assertOneLineError(Cli.run("status", "127.0.0.1:" + closed), 1, "cannot connect to 127.0.0.1:" + closed,
                "Connection refused");
    }

    @Test
    void aProcessThatIsGone() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        assertOneLineError(Cli.run("status", String.valueOf(gone.pid())), 1, "no process with id " + gone.pid());
    }

    @Test
    void aJvmWithoutTurnstile() {
        for (String target : List.of(String.valueOf(fixture.plain.pid()), fixture.plain.hostPort())) {
            assertOneLineError(Cli.run("status", target), 1, "does not run Turnstile", "dev.turnstile:type=Turnstile");
        }
    }

    @Test
    void aTargetThatIsNoTarget() {
        assertOneLineError(Cli.run("status", "not-a-target"), 2, "bad target 'not-a-target'", "host:port");
        assertOneLineError(Cli.run("status", "127.0.0.1:99999"), 2, "bad target");
    }

    @Test
    void missingArguments() {
        assertOneLineError(Cli.run("set-limit", fixture.pid(), "llm"), 2, "Missing required parameter", "<limit>");
        assertOneLineError(Cli.run("status"), 2, "Missing required parameter", "<target>");
    }

    @Test
    void aChangeTurnstileRefusesKeepsItsReason() throws Exception {
        assertOneLineError(Cli.run("add-provider", fixture.pid(), "llm", "b.example.com", "1"), 1, "refused");
        assertThat(fixture.jmx.get(Jmx.provider("llm"), "Hosts")).isEqualTo("127.0.0.1:" + fixture.llm.port());
    }
}
