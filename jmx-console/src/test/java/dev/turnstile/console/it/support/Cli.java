package dev.turnstile.console.it.support;

import dev.turnstile.console.cli.Commands;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

/** Runs the console's command line in this JVM and keeps what it printed. */
public final class Cli {

    public final int exitCode;
    public final String out;
    public final String err;

    private Cli(int exitCode, String out, String err) {
        this.exitCode = exitCode;
        this.out = out;
        this.err = err;
    }

    public static Cli run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Commands.execute(args, new java.io.ByteArrayInputStream(new byte[0]), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Cli(code, out.toString(), err.toString());
    }

    public List<String> errLines() {
        return err.lines().toList();
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- out ---\n" + out + "--- err ---\n" + err;
    }
}
