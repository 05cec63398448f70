package dev.turnstile.bench;

import dev.turnstile.config.ConfigLoader;
import dev.turnstile.config.TurnstileConfig;
import dev.turnstile.control.SchedulerSettingsMapper;
import dev.turnstile.core.SlotScheduler;
import dev.turnstile.core.time.ExecutorTimerService;
import dev.turnstile.http.Gate;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * What a door asks for every request before anything else (issue 14): may a call to this host be
 * gated at all? For a host that is no provider's this is all the agent does per call, besides the
 * advice's own call into the bridge, so it bounds the agent's own work behind section 1's (c) in
 * nanoseconds, where the end-to-end bench resolves microseconds. The gate is built as the agent
 * builds it, with the built-in provider presets (15 providers) and provider {@code bench} on
 * {@code bench.invalid}, as in section 1's (c).
 *
 * <ul>
 *   <li>{@code mayGateNoProvider}: {@code Gate.mayGate("127.0.0.1")}, the JDK client's,
 *       {@code HttpURLConnection}'s, OkHttp's, Apache's, Jetty's and Vert.x's question;</li>
 *   <li>{@code mayGateHostOfNoProvider}: {@code Gate.mayGateHostOf(uri)}, Reactor Netty's, which
 *       reads the host in place in the request's URI string;</li>
 *   <li>{@code mayGateProvider}: a provider's host, whose answer sends the door on to open a call;</li>
 *   <li>{@code refHashSetContains}: a reference floor, one {@code HashSet<String>.contains}.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Threads(1)
public class DoorDecisionBenchmark {

    private ExecutorTimerService timer;
    private Gate gate;
    private final Set<String> hosts = new HashSet<>();
    // Not final: JMH must not fold the answers into constants.
    private String loopback = "127.0.0.1";
    private String loopbackUri = "http://127.0.0.1:8080/v1/chat/completions";
    private String provider = "api.openai.com";

    @Setup
    public void setUp() {
        TurnstileConfig config = ConfigLoader.load("providers.bench.hosts=bench.invalid;providers.bench.limit=10000",
                Map.of(), Map.of()).config();
        timer = new ExecutorTimerService("turnstile-bench-timer");
        SlotScheduler scheduler = new SlotScheduler(SchedulerSettingsMapper.settings(config), timer);
        config.providers().values().forEach(p -> scheduler.addProvider(SchedulerSettingsMapper.provider(p)));
        gate = new Gate(scheduler, config);
        hosts.add("bench.invalid");
        hosts.add("api.openai.com");
        if (gate.mayGate(loopback) || gate.mayGateHostOf(loopbackUri) || !gate.mayGate(provider)) {
            throw new IllegalStateException("the gate does not route as section 1's (c) expects");
        }
    }

    @TearDown
    public void tearDown() {
        timer.close();
    }

    @Benchmark
    public boolean mayGateNoProvider() {
        return gate.mayGate(loopback);
    }

    @Benchmark
    public boolean mayGateHostOfNoProvider() {
        return gate.mayGateHostOf(loopbackUri);
    }

    @Benchmark
    public boolean mayGateProvider() {
        return gate.mayGate(provider);
    }

    @Benchmark
    public boolean refHashSetContains() {
        return hosts.contains(loopback);
    }
}
