package dev.turnstile.console.connect;

import dev.turnstile.console.cli.Commands;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class AttachSafetyTest {

    @Test
    void readsWhetherAProcessCatchesSigquit() {
        // A JVM catches SIGQUIT (bit 3 of the mask); sleep catches nothing.
        assertThat(AttachSafety.catchesQuit("Name:\tjava\nSigIgn:\t0000000000000000\nSigCgt:\t2000000181005ccf\n"))
                .hasValue(true);
        assertThat(AttachSafety.catchesQuit("Name:\tsleep\nSigCgt:\t0000000000000000\n")).hasValue(false);
        assertThat(AttachSafety.catchesQuit("Name:\tsleep\n")).isEmpty();
        assertThat(AttachSafety.catchesQuit("SigCgt:\tzz\n")).isEmpty();
    }

    @Test
    void aProcessIdOfSomethingElseIsRefusedAndThatProcessLives() throws Exception {
        // A sleep started from Java inherits the JVM's blocked SIGQUIT and would survive a signal anyway; the
        // message is what shows that the console refused before attaching, that is before sending anything.
        Process sleep = new ProcessBuilder("sleep", "60").start();
        try {
            StringWriter err = new StringWriter();
            int code = Commands.execute(new String[] {"status", String.valueOf(sleep.pid())},
                    new ByteArrayInputStream(new byte[0]), new PrintWriter(new StringWriter(), true),
                    new PrintWriter(err, true));

            assertThat(code).isEqualTo(1);
            assertThat(err.toString()).startsWith("turnstile-console: process " + sleep.pid() + " is not a JVM");
            assertThat(sleep.waitFor(500, TimeUnit.MILLISECONDS)).as("sleep still runs").isFalse();
        } finally {
            sleep.destroyForcibly();
        }
    }
}
