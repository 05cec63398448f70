package dev.turnstile.console.cli;

import dev.turnstile.console.ConsoleException;
import dev.turnstile.console.connect.Connector;
import dev.turnstile.console.connect.Target;
import dev.turnstile.console.web.Session;
import dev.turnstile.console.web.WebConsole;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serves a live web console for the target: limits editable in place, in-flight bars, "
                + "queues, pauses, charts, agents, and a JSON API under /api/.",
                "Binds to loopback unless told otherwise. Every change needs the token in the X-Turnstile-Token "
                        + "header; a token is made and printed when none is given. Ctrl-C stops."})
final class ServeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<target>", converter = Converters.TargetConverter.class,
            description = "the JVM: a local process id, host:port of its JMX port, or a service:jmx: URL")
    Target target;

    @Option(names = "--port", paramLabel = "<port>", defaultValue = "8080", converter = Converters.PortConverter.class,
            description = "port to listen on; 0 = any free port (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--bind", paramLabel = "<address>", defaultValue = "127.0.0.1",
            description = "address to listen on (default: ${DEFAULT-VALUE}); anything but loopback lets others read the status")
    String bind;

    @Option(names = "--token", paramLabel = "<token>", defaultValue = "${env:TURNSTILE_CONSOLE_TOKEN}",
            description = "the token changes need (at least 16 characters); default: $TURNSTILE_CONSOLE_TOKEN, "
                    + "else a random one, printed")
    String token;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        boolean madeToken = token == null || token.isEmpty();
        if (!madeToken && token.trim().length() < 16) {
            throw new ParameterException(spec.commandLine(), "bad --token: use at least 16 characters");
        }
        String secret = madeToken ? WebConsole.newToken() : token.trim();
        InetAddress address;
        try {
            address = InetAddress.getByName(bind);
        } catch (UnknownHostException e) {
            throw new ParameterException(spec.commandLine(), "bad --bind '" + bind + "': unknown host");
        }
        Session session = new Session(target, new Connector());
        session.call(client -> client.status()); // fail now, in one line, if the target is wrong
        WebConsole console;
        try {
            console = WebConsole.start(session, address, port, secret);
        } catch (ConsoleException e) {
            session.close();
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            console.close();
            stopped.countDown();
        }, "turnstile-console-stop"));
        String host = address.isAnyLocalAddress() ? "127.0.0.1"
                : address.getHostAddress().contains(":") ? "[" + address.getHostAddress() + "]" : address.getHostAddress();
        String url = "http://" + host + ":" + console.port() + "/";
        out.println("Turnstile console for " + target + " on " + url);
        if (madeToken) {
            out.println("Open " + url + "#token=" + secret + " (the token stays in the page; it is never sent in a URL)");
            out.println("Changes need the token " + secret + " in the X-Turnstile-Token header.");
        } else {
            out.println("Changes need the token you gave, in the X-Turnstile-Token header.");
        }
        if (!address.isLoopbackAddress()) {
            out.println("Warning: listening on " + bind + ", not loopback: whoever reaches this port can read the status.");
        }
        out.println("Ctrl-C stops.");
        out.flush();
        stopped.await();
        return 0;
    }
}
