package dev.turnstile.console.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

/** Mistakes caught while reading the command line, before any target is contacted: one line, exit code 2. */
class CommandsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "pause 1 llm -5s | turnstile-console: unknown option '-5s': a value here cannot be negative (see 'turnstile-console pause --help')",
        "status 1 --bogus | turnstile-console: Unknown option: '--bogus' (see 'turnstile-console status --help')",
        "watch 1 --frames x | turnstile-console: --frames: bad number of frames 'x': expected a whole number ≥ 0 (0 = until q or Ctrl-C) (see 'turnstile-console watch --help')",
        "watch 1 --frames -1 | turnstile-console: --frames: bad number of frames '-1': expected a whole number ≥ 0 (0 = until q or Ctrl-C) (see 'turnstile-console watch --help')",
        "pause 1 llm 999999999999h | turnstile-console: bad duration '999999999999h': expected a positive duration up to 2562047h (about 292 years) (see 'turnstile-console pause --help')",
        "serve 1 --port 99999 | turnstile-console: --port: bad port '99999': expected 0 (any free port) to 65535 (see 'turnstile-console serve --help')",
    })
    void aMistakeIsOneLineNamingWhatWasWrong(String commandLine, String expected) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int code = Commands.execute(commandLine.split(" "), new ByteArrayInputStream(new byte[0]),
                new PrintWriter(out, true), new PrintWriter(err, true));

        assertThat(code).isEqualTo(Commands.USAGE);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString().lines()).containsExactly(expected);
    }
}
