package dev.turnstile.console.cli;

import dev.turnstile.console.ConsoleException;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * The command tree. Bad input gets one line on standard error and exit code 2; a failure at run
 * time (unreachable or non-Turnstile target, unknown provider, a refused value) one line and exit
 * code 1; success exit code 0.
 */
@Command(name = "turnstile-console", mixinStandardHelpOptions = true, versionProvider = Commands.Version.class,
        description = {"Watch and steer Turnstile in a running JVM over JMX.",
                "A <target> is a local process id, host:port of a JMX port, or a service:jmx: URL."},
        subcommands = {ListCommand.class, StatusCommand.class, WatchCommand.class, SetLimitCommand.class,
                SetBudgetCommand.class, SetBreakerCommand.class, SetGlobalLimitCommand.class, PauseCommand.class,
                ResumeCommand.class, AddProviderCommand.class,
                RemoveProviderCommand.class, AgentsCommand.class, ServeCommand.class, CommandLine.HelpCommand.class,
                AutoComplete.GenerateCompletion.class},
        footer = {"", "Exit codes: 0 done, 1 the target failed or refused, 2 bad input.", ""})
public final class Commands implements Callable<Integer> {

    public static final int USAGE = 2;
    static final String NAME = "turnstile-console";

    @Spec
    CommandSpec spec;

    /** Where {@code watch} reads its keys. */
    final InputStream in;

    private Commands(InputStream in) {
        this.in = in;
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "a command is needed: " + commandNames(spec.commandLine()));
    }

    /** Runs the command line; returns the exit code. */
    public static int execute(String[] args, InputStream in, PrintWriter out, PrintWriter err) {
        CommandLine line = new CommandLine(new Commands(in));
        line.getSubcommands().get("generate-completion").getCommandSpec().usageMessage().hidden(true);
        line.setOut(out);
        line.setErr(err);
        line.setParameterExceptionHandler((ex, arguments) -> {
            err.println(NAME + ": " + oneLine(ex, arguments));
            err.flush();
            return USAGE;
        });
        line.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof ConsoleException) {
                err.println(NAME + ": " + ex.getMessage());
                err.flush();
                return ConsoleException.EXIT_CODE;
            }
            throw ex;
        });
        return line.execute(args);
    }

    /** The message of a parse error in one line, naming the command when it was not understood. */
    static String oneLine(ParameterException ex, String[] arguments) {
        CommandLine where = ex.getCommandLine();
        if (ex instanceof UnmatchedArgumentException && where.getCommandSpec().parent() == null
                && !((UnmatchedArgumentException) ex).getUnmatched().isEmpty()) {
            String unmatched = ((UnmatchedArgumentException) ex).getUnmatched().get(0);
            if (!unmatched.startsWith("-")) {
                return "unknown command '" + unmatched + "' (commands: " + commandNames(where) + ")";
            }
        }
        String command = where.getCommandSpec().qualifiedName();
        String help = " (see '" + command + " --help')";
        if (ex instanceof MissingParameterException) {
            // "pause 123 llm -5s": picocli takes -5s for an option and reports the duration missing.
            Optional<String> unknown = unknownOption(where.getCommandSpec(), arguments);
            if (unknown.isPresent()) {
                boolean negative = unknown.get().matches("-\\d.*");
                return "unknown option '" + unknown.get() + "'" + (negative ? ": a value here cannot be negative" : "")
                        + help;
            }
        }
        String message = ex.getCause() instanceof TypeConversionException ? ex.getCause().getMessage() : ex.getMessage();
        String first = message == null ? ex.toString() : message.lines().findFirst().orElse(message);
        if (ex.getArgSpec() instanceof OptionSpec && ex.getCause() instanceof TypeConversionException) {
            String option = ((OptionSpec) ex.getArgSpec()).longestName();
            first = first.contains(option) ? first : option + ": " + first;
        }
        return first + help;
    }

    private static Optional<String> unknownOption(CommandSpec spec, String[] arguments) {
        if (arguments == null) {
            return Optional.empty();
        }
        return Arrays.stream(arguments)
                .filter(argument -> argument.length() > 1 && argument.startsWith("-") && !argument.equals("--"))
                .filter(argument -> spec.findOption(argument.split("=", 2)[0]) == null)
                .findFirst();
    }

    private static String commandNames(CommandLine line) {
        return line.getSubcommands().entrySet().stream()
                .filter(entry -> !entry.getValue().getCommandSpec().usageMessage().hidden())
                .map(java.util.Map.Entry::getKey).collect(Collectors.joining(", "));
    }

    /** The version from the jar's manifest. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Commands.class.getPackage().getImplementationVersion();
            return new String[] {NAME + " " + (version == null ? "(development build)" : version)};
        }
    }
}
