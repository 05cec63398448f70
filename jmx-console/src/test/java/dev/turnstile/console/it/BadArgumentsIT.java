package dev.turnstile.console.it;

import dev.turnstile.console.it.support.Cli;
import dev.turnstile.console.it.support.Fixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every command with bad arguments, against a live target where one is needed: one line on standard
 * error naming what was wrong, exit code 2 (bad input) or 1 (refused by the target), nothing on
 * standard output, no stack trace, and the target's settings unchanged. {@link CommandLineIT} shows
 * the good paths and the first of each kind of mistake; this walks all of them.
 */
class BadArgumentsIT {

    /** A word, or a quoted one that may be empty or hold spaces. */
    private static final Pattern WORD = Pattern.compile("'([^']*)'|(\\S+)");

    private static Fixture fixture;

    @BeforeAll
    static void start() throws Exception {
        fixture = Fixture.get(); // no reset: nothing here may change the target, which each test checks
    }

    /** Arguments separated by spaces, {@code PID} for the live target's process id, {@code '…'} for one that is empty or holds spaces. */
    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        // the command itself
        "'' | 2 | a command is needed",
        "frobnicate PID | 2 | unknown command 'frobnicate'",
        "--bogus | 2 | Unknown option: '--bogus'",
        "status | 2 | Missing required parameter: '<target>'",
        "status PID --bogus | 2 | Unknown option: '--bogus'",
        "status PID extra | 2 | Unmatched argument",
        "list extra | 2 | Unmatched argument",
        "list --bogus | 2 | Unknown option: '--bogus'",
        "agents PID --bogus | 2 | Unknown option: '--bogus'",
        // targets
        "status not-a-target | 2 | bad target 'not-a-target'",
        "status 0 | 2 | bad target '0'",
        "status -1 | 2 | bad target '-1'",
        "status 127.0.0.1:0 | 2 | bad target '127.0.0.1:0'",
        "status 127.0.0.1:99999 | 2 | bad target '127.0.0.1:99999'",
        "status :9010 | 2 | bad target ':9010'",
        "status host: | 2 | bad target 'host:'",
        "status service:jmx:garbage | 1 | service:jmx:garbage",
        "status 2147483647 | 1 | no process with id 2147483647",
        "agents 9999999999 | 1 | 9999999999",
        // limits
        "set-limit PID | 2 | Missing required parameters: '<provider>', '<limit>'",
        "set-limit PID llm | 2 | Missing required parameter: '<limit>'",
        "set-limit PID llm lots | 2 | bad limit 'lots'",
        "set-limit PID llm 2.5 | 2 | bad limit '2.5'",
        "set-limit PID llm -1 | 2 | bad limit '-1'",
        "set-limit PID llm 99999999999 | 2 | bad limit '99999999999'",
        "set-limit PID llm '' | 2 | bad limit ''",
        "set-limit PID llm 3 4 | 2 | Unmatched argument",
        "set-limit PID nope 3 | 1 | unknown provider 'nope'",
        "set-limit PID '' 3 | 1 | unknown provider ''",
        "set-global-limit PID | 2 | Missing required parameter: '<limit>'",
        "set-global-limit PID x | 2 | bad limit 'x'",
        "set-global-limit PID -5 | 2 | bad limit '-5'",
        "set-global-limit PID 1e3 | 2 | bad limit '1e3'",
        // pauses
        "pause PID llm | 2 | Missing required parameter: '<duration>'",
        "pause PID llm soon | 2 | bad duration 'soon'",
        "pause PID llm 30 | 2 | needs a unit",
        "pause PID llm -5s | 2 | unknown option '-5s': a value here cannot be negative",
        "pause PID llm 0s | 2 | bad duration '0s'",
        "pause PID llm PT-1S | 2 | bad duration 'PT-1S'",
        "pause PID llm 999999999999h | 2 | bad duration '999999999999h': expected a positive duration up to 2562047h",
        "pause PID llm 99999999999h | 2 | bad duration '99999999999h'",
        "pause PID nope 5s | 1 | unknown provider 'nope'",
        "resume PID | 2 | Missing required parameter: '<provider>'",
        "resume PID nope | 1 | unknown provider 'nope'",
        // providers
        "add-provider PID extra | 2 | Missing required parameters: '<hosts>', '<limit>'",
        "add-provider PID extra a.example.com | 2 | Missing required parameter: '<limit>'",
        "add-provider PID extra a.example.com many | 2 | bad limit 'many'",
        "add-provider PID extra a.example.com -2 | 2 | bad limit '-2'",
        "add-provider PID Bad_Id a.example.com 1 | 1 | not a valid provider id",
        "add-provider PID llm a.example.com 1 | 1 | already exists",
        "add-provider PID extra https://a.example.com/v1 1 | 1 | not a valid host pattern",
        "add-provider PID extra a.example.com:99999 1 | 1 | not a valid host pattern",
        "add-provider PID extra '' 1 | 1 | \"\" is not a valid host list",
        "add-provider PID extra ' , ' 1 | 1 | \" , \" is not a valid host list",
        "remove-provider PID | 2 | Missing required parameter: '<id>'",
        "remove-provider PID nope | 1 | unknown provider 'nope'",
        // watch and serve
        "watch PID --frames x | 2 | bad number of frames 'x'",
        "watch PID --frames -1 | 2 | bad number of frames '-1'",
        "watch PID --interval 0 | 2 | bad duration '0'",
        "watch PID --interval soon | 2 | bad duration 'soon'",
        "serve PID --port 99999 | 2 | bad port '99999'",
        "serve PID --port x | 2 | bad port 'x'",
        "serve PID --token short | 2 | bad --token",
        "serve PID --bind no-such-host.invalid | 2 | bad --bind 'no-such-host.invalid'",
    })
    void aBadCommandLineIsOneLineAndChangesNothing(String commandLine, int exitCode, String expected) throws Exception {
        Map<String, Object> before = fixture.jmx.settings();

        Cli cli = Cli.run(arguments(commandLine));

        assertThat(cli.exitCode).as(cli.toString()).isEqualTo(exitCode);
        assertThat(cli.out).as(cli.toString()).isEmpty();
        assertThat(cli.errLines()).as(cli.toString()).singleElement().asString()
                .startsWith("turnstile-console: ")
                .contains(expected)
                .doesNotContain("Exception")
                .doesNotContainPattern("\\bat [a-z]+\\.");
        assertThat(fixture.jmx.settings()).as(commandLine).isEqualTo(before);
    }

    private static String[] arguments(String commandLine) {
        List<String> arguments = new ArrayList<>();
        Matcher word = WORD.matcher(commandLine);
        while (word.find()) {
            String text = word.group(1) != null ? word.group(1) : word.group(2);
            arguments.add(text.equals("PID") ? fixture.pid() : text);
        }
        return arguments.toArray(new String[0]);
    }
}
