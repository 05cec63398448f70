package dev.turnstile.console.cli;

import dev.turnstile.console.connect.Connector;
import dev.turnstile.console.connect.Target;
import dev.turnstile.console.connect.TargetConnection;
import dev.turnstile.console.model.TurnstileClient;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** A command on one target: connects, checks it runs Turnstile, runs, disconnects. */
abstract class TargetCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<target>", converter = Converters.TargetConverter.class,
            description = "the JVM: a local process id (attached; its local management agent is started if needed), "
                    + "host:port of its JMX port, or a service:jmx: URL")
    Target target;

    @Override
    public Integer call() throws Exception {
        try (TargetConnection connection = new Connector().open(target)) {
            return run(new TurnstileClient(connection.mbeans(), target.toString()), out());
        }
    }

    abstract int run(TurnstileClient client, PrintWriter out) throws Exception;

    PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
