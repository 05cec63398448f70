package dev.turnstile.console;

import dev.turnstile.console.cli.Commands;

import java.io.PrintWriter;
import java.nio.charset.Charset;

/** {@code java -jar turnstile-console.jar …}: see {@link Commands} for the commands. */
public final class ConsoleMain {

    private ConsoleMain() {
    }

    public static void main(String[] args) {
        Charset charset = Charset.defaultCharset();
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, charset), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, charset), true);
        int code = Commands.execute(args, System.in, out, err);
        out.flush();
        err.flush();
        System.exit(code);
    }
}
