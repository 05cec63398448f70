package dev.turnstile.console.cli;

import dev.turnstile.console.model.TurnstileClient;
import dev.turnstile.console.terminal.Terminal;
import dev.turnstile.console.terminal.WatchScreen;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.time.Duration;

@Command(name = "watch", mixinStandardHelpOptions = true,
        description = {"A live view in the terminal, refreshed every second and fitted to its size: busy and paused "
                + "providers first with in-flight bars, idle unlimited ones folded into one line, then the oldest "
                + "agents. q or Ctrl-C quits and restores the terminal."})
final class WatchCommand extends TargetCommand {

    @Option(names = "--interval", paramLabel = "<duration>", converter = Converters.DurationConverter.class,
            defaultValue = "1s", description = "time between frames (default: ${DEFAULT-VALUE})")
    Duration interval;

    @Option(names = "--frames", paramLabel = "<n>", defaultValue = "0", converter = Converters.FramesConverter.class,
            description = "stop after n frames; 0 = until q or Ctrl-C (default)")
    int frames;

    @Override
    int run(TurnstileClient client, PrintWriter out) throws InterruptedException {
        try (Terminal terminal = Terminal.open(out, ((Commands) spec.root().userObject()).in, true)) {
            WatchScreen screen = new WatchScreen(terminal.unicode(), terminal.styled());
            for (int frame = 1; ; frame++) {
                Terminal.Size size = terminal.size();
                terminal.draw(screen.render(client.status(), size.columns(), size.rows()));
                if ((frames > 0 && frame >= frames) || terminal.awaitQuit(interval.toMillis())) {
                    return 0;
                }
            }
        }
    }
}
