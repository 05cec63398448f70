package dev.turnstile.demo;

import dev.turnstile.demo.app.Range;
import dev.turnstile.demo.app.Workload;
import dev.turnstile.demo.client.ChatClients;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The command line, parsed once; read-only after {@link #parse}. */
final class DemoOptions {

    enum Mode { RUN, COMPARE, FLEET, HOLD, CHILD, HELP }

    /** Agents per replica with {@code --fleet} unless {@code --agents} says otherwise: three replicas share one cap. */
    static final int FLEET_AGENTS = 6;

    static final String USAGE = String.join(System.lineSeparator(),
            "usage: java [-javaagent:turnstile-agent.jar=...] -jar turnstile-demo.jar [options]",
            "",
            "modes (default: run the workload once and report):",
            "  --compare              run the workload three times in child JVMs: without Turnstile, with it",
            "                         (oldest turn first) and with it in FIFO mode; print them side by side",
            "  --fleet                3 replica JVMs of the workload against one provider, twice: each with",
            "                         its own limit, then sharing one limit through Redis; side by side",
            "  --hold                 loop the workload until stopped, to watch and steer it over JMX",
            "",
            "workload:",
            "  --agents N             agents (threads); per replica with --fleet          [16; --fleet 6]",
            "  --turns N              turns (tasks) per agent                             [1]",
            "  --calls N              streamed LLM calls per turn                         [5]",
            "  --tokens A..B          tokens per answer                                   [16..32]",
            "  --tool-pause A..B      tool pause between calls, ms                        [200..500]",
            "  --stagger MS           agent i gets its task i*MS after the start          [150]",
            "  --think A..B           pause between an agent's turns, ms                  [3000..4000]",
            "  --clients LIST         client stacks dealt to the agents in turn           [jdk,okhttp]",
            "  --max-retries N        retries of a call answered 429 (after Retry-After)  [20]",
            "  --seed N               random seed                                         [42]",
            "",
            "provider:",
            "  --base-url URL         use this OpenAI-compatible provider instead of the embedded mock",
            "  --api-key KEY          sent as a bearer token                              [$OPENAI_API_KEY or demo]",
            "  --port N               port of the embedded mock (the agent's hosts must match) [18089]",
            "  --cap N                the mock's concurrency cap; above it, 429 + Retry-After [4]",
            "  --first-token MS       the mock's wait before the first token              [300]",
            "  --token-interval MS    the mock's pace: one token every MS                 [25]",
            "  --retry-after S        the mock's Retry-After, seconds                     [1]",
            "",
            "--compare and --fleet:",
            "  --agent-jar PATH       the agent jar for the child JVMs         [../agent/target/turnstile-agent.jar]",
            "  --agent-args ARGS      extra agent arguments, KEY=VALUE;KEY=VALUE",
            "",
            "--fleet only:",
            "  --replicas N           replica JVMs                                        [3]",
            "  --redis-url URL        share the limit through this Redis instead of starting one",
            "  --redis-server PATH    the redis-server to start        [/usr/bin/redis-server, else on PATH]");

    Mode mode = Mode.RUN;
    int agents = 16;
    int turns = 1;
    int calls = 5;
    Range tokens = new Range(16, 32);
    Range toolPause = new Range(200, 500);
    long stagger = 150;
    Range think = new Range(3000, 4000);
    List<String> clients = List.of("jdk", "okhttp");
    int maxRetries = 20;
    long seed = 42;
    String baseUrl;
    String apiKey = System.getenv().getOrDefault("OPENAI_API_KEY", "demo");
    int port = 18089;
    int cap = 4;
    long firstTokenMillis = 300;
    long tokenIntervalMillis = 25;
    long retryAfterSeconds = 1;
    String agentJar;
    String agentArgs = "";
    int replicas = 3;
    String redisUrl;
    String redisServer;
    /** A child of {@code --fleet}: it says when it is ready, starts on its parent's word and ends when told. */
    boolean replica;
    /** In a child of {@code --fleet} sharing the limit: the live replicas of the fleet to wait for before it is ready. */
    int awaitFleet;
    private boolean agentsGiven;

    static DemoOptions parse(String... args) {
        DemoOptions options = new DemoOptions();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--compare": options.mode = Mode.COMPARE; continue;
                case "--fleet": options.mode = Mode.FLEET; continue;
                case "--hold": options.mode = Mode.HOLD; continue;
                case "--child": options.mode = Mode.CHILD; continue;
                case "--replica": options.replica = true; continue;
                case "-h":
                case "--help": options.mode = Mode.HELP; continue;
                default: break;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("unknown option or missing value: " + arg);
            }
            String value = args[++i];
            switch (arg) {
                case "--agents": options.agents = positive(arg, value); options.agentsGiven = true; break;
                case "--turns": options.turns = positive(arg, value); break;
                case "--calls": options.calls = positive(arg, value); break;
                case "--tokens": options.tokens = range(arg, value); break;
                case "--tool-pause": options.toolPause = range(arg, value); break;
                case "--stagger": options.stagger = number(arg, value); break;
                case "--think": options.think = range(arg, value); break;
                case "--clients": options.clients = clients(value); break;
                case "--max-retries": options.maxRetries = (int) number(arg, value); break;
                case "--seed": options.seed = number(arg, value); break;
                case "--base-url": options.baseUrl = value; break;
                case "--api-key": options.apiKey = value; break;
                case "--port": options.port = (int) number(arg, value); break;
                case "--cap": options.cap = positive(arg, value); break;
                case "--first-token": options.firstTokenMillis = number(arg, value); break;
                case "--token-interval": options.tokenIntervalMillis = number(arg, value); break;
                case "--retry-after": options.retryAfterSeconds = positive(arg, value); break;
                case "--agent-jar": options.agentJar = value; break;
                case "--agent-args": options.agentArgs = value; break;
                case "--replicas": options.replicas = positive(arg, value); break;
                case "--redis-url": options.redisUrl = value; break;
                case "--redis-server": options.redisServer = value; break;
                case "--await-fleet": options.awaitFleet = positive(arg, value); break;
                default: throw new IllegalArgumentException("unknown option: " + arg);
            }
        }
        if (options.mode == Mode.FLEET && !options.agentsGiven) {
            options.agents = FLEET_AGENTS;
        }
        return options;
    }

    Workload workload() {
        return new Workload(agents, turns, calls, tokens, toolPause, think, stagger, maxRetries, clients, seed);
    }

    Duration firstToken() {
        return Duration.ofMillis(firstTokenMillis);
    }

    Duration tokenInterval() {
        return Duration.ofMillis(tokenIntervalMillis);
    }

    /** The workload options, to hand to a child JVM unchanged. */
    List<String> workloadArgs() {
        return new ArrayList<>(Arrays.asList(
                "--agents", Integer.toString(agents), "--turns", Integer.toString(turns),
                "--calls", Integer.toString(calls), "--tokens", tokens.toString(),
                "--tool-pause", toolPause.toString(), "--stagger", Long.toString(stagger),
                "--think", think.toString(), "--clients", String.join(",", clients),
                "--max-retries", Integer.toString(maxRetries), "--seed", Long.toString(seed),
                "--cap", Integer.toString(cap), "--first-token", Long.toString(firstTokenMillis),
                "--token-interval", Long.toString(tokenIntervalMillis),
                "--retry-after", Long.toString(retryAfterSeconds)));
    }

    private static long number(String option, String value) {
        try {
            long number = Long.parseLong(value.trim());
            if (number < 0) {
                throw new IllegalArgumentException(option + " must not be negative, was " + value);
            }
            return number;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " expects a number, was '" + value + "'");
        }
    }

    private static int positive(String option, String value) {
        long number = number(option, value);
        if (number < 1 || number > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(option + " must be at least 1, was " + value);
        }
        return (int) number;
    }

    private static Range range(String option, String value) {
        int dots = value.indexOf("..");
        if (dots < 0) {
            return Range.of(number(option, value));
        }
        return new Range(number(option, value.substring(0, dots)), number(option, value.substring(dots + 2)));
    }

    private static List<String> clients(String value) {
        List<String> names = new ArrayList<>();
        for (String name : value.split(",")) {
            String trimmed = name.trim().toLowerCase(Locale.ROOT);
            if (!ChatClients.NAMES.contains(trimmed)) {
                throw new IllegalArgumentException("--clients: unknown stack '" + trimmed + "', expected " + ChatClients.NAMES);
            }
            names.add(trimmed);
        }
        return List.copyOf(names);
    }
}
