package dev.turnstile.http;

import dev.turnstile.config.AgentIdentity;
import dev.turnstile.config.BackoffConfig;
import dev.turnstile.config.ProviderConfig;
import dev.turnstile.config.TurnstileConfig;
import dev.turnstile.core.CallRequest;
import dev.turnstile.core.SlotScheduler;

import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * The one door every instrumented HTTP client goes through. It decides whether a request is
 * gated (enabled, provider host, method, path) and opens a {@link GatedCall} for it. The rules
 * are an immutable snapshot swapped whole on a runtime change, so the per-call path reads them
 * without a lock, and a call to a host that is not a provider costs one hash lookup.
 */
public final class Gate {

    /** Marks a body whose size the client did not give: the {@code Content-Length} header tells, if any. */
    public static final long UNKNOWN_BODY = Long.MIN_VALUE;

    private final SlotScheduler scheduler;
    private final GateActivity activity;
    private volatile Rules rules;

    public Gate(SlotScheduler scheduler, TurnstileConfig config) {
        this(scheduler, config, System::nanoTime);
    }

    /** With the clock that times {@link #activity()}: a test's. */
    public Gate(SlotScheduler scheduler, TurnstileConfig config, LongSupplier nanoClock) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.activity = new GateActivity(nanoClock);
        this.rules = new Rules(config);
    }

    /** Applies a new configuration to calls opened from now on. */
    public void update(TurnstileConfig config) {
        this.rules = new Rules(config);
    }

    public TurnstileConfig config() {
        return rules.config;
    }

    public SlotScheduler scheduler() {
        return scheduler;
    }

    /** Which providers the doors saw lately, and the connections that reached one ungated. */
    public GateActivity activity() {
        return activity;
    }

    /**
     * False when no request to {@code host} can be gated, whatever its port, method or path: a
     * door asks this first, so a call to a host that is no provider's costs one hash lookup and
     * reads neither its path nor its headers (nothing allocated). True: {@link #open} decides.
     */
    public boolean mayGate(String host) {
        Rules current = rules;
        return current.enabled && current.router.mayRoute(host);
    }

    /**
     * {@link #mayGate} of {@code AbsoluteUri.hostOf(absoluteUri)}, read in place: a door that holds
     * its request's target as a URI string (Reactor Netty) asks this for every request it builds,
     * and for a host that is no provider's it then makes no substring.
     */
    public boolean mayGateHostOf(String absoluteUri) {
        Rules current = rules;
        if (!current.enabled || absoluteUri == null) {
            return false;
        }
        int start = AbsoluteUri.hostStart(absoluteUri);
        int end = start < 0 ? -1 : AbsoluteUri.hostEnd(absoluteUri, start);
        return end >= 0 && current.router.mayRoute(absoluteUri, start, end);
    }

    /**
     * Opens a gated call for the request, or returns null when Turnstile leaves it alone.
     * Call it on the thread that makes the request: in thread mode that thread is the agent.
     *
     * @param port the port as written in the URL, or -1 for the scheme's default
     */
    public GatedCall open(String method, String scheme, String host, int port, String path, HeaderLookup headers) {
        return open(method, scheme, host, port, path, headers, UNKNOWN_BODY);
    }

    /**
     * The same, for a client that knows its request body's size ({@code bodyBytes}: 0 for none, -1
     * when even the client does not know, {@link #UNKNOWN_BODY} to read the header): the call's
     * token estimate for the provider's token budget ({@link TokenEstimate}).
     */
    public GatedCall open(String method, String scheme, String host, int port, String path, HeaderLookup headers,
                          long bodyBytes) {
        Rules current = rules;
        ProviderConfig provider = gatedProvider(current, method, scheme, host, port, path);
        if (provider == null) {
            return null;
        }
        String agent = AgentKeys.of(current.identity, headers);
        long turnStart = current.turnHeader == null || headers == null
                ? CallRequest.NO_TURN_START : TurnStarts.parse(headers.get(current.turnHeader));
        long tokens = bodyBytes == UNKNOWN_BODY ? TokenEstimate.ofHeaders(headers) : TokenEstimate.ofBodyBytes(bodyBytes);
        return new GatedCall(scheduler, CallRequest.of(provider.id(), agent, turnStart, tokens), current.backoff);
    }

    /**
     * Whether {@link #open} would gate this request, without opening a call: for a client that
     * decides when a request is built and opens its call when it is sent. The door is recorded
     * as by {@code open}.
     */
    public boolean gates(String method, String scheme, String host, int port, String path) {
        return gatedProvider(rules, method, scheme, host, port, path) != null;
    }

    /** The provider that gates this request under {@code current}, or null; records the door of a provider's host. */
    private ProviderConfig gatedProvider(Rules current, String method, String scheme, String host, int port,
                                         String path) {
        if (!current.enabled) {
            return null;
        }
        ProviderConfig provider = current.router.route(host, effectivePort(scheme, port));
        if (provider == null) {
            return null;
        }
        activity.doorPassed(provider.id());
        return provider.gatesMethod(method) && provider.gatesPath(path == null ? "/" : path) ? provider : null;
    }

    /**
     * The id of the provider whose hosts include this one, or null (also while disabled): for a
     * report of traffic that reached a provider where no gate could hold it.
     */
    public String providerOf(String scheme, String host, int port) {
        Rules current = rules;
        if (!current.enabled) {
            return null;
        }
        ProviderConfig provider = current.router.route(host, effectivePort(scheme, port));
        return provider == null ? null : provider.id();
    }

    static int effectivePort(String scheme, int port) {
        if (port > 0) {
            return port;
        }
        return "http".equalsIgnoreCase(scheme) ? 80 : 443;
    }

    /** What the per-call path needs from the configuration, computed once per change. */
    private static final class Rules {
        final TurnstileConfig config;
        final boolean enabled;
        final HostRouter router;
        final AgentIdentity identity;
        final String turnHeader;
        final BackoffConfig backoff;

        Rules(TurnstileConfig config) {
            this.config = config;
            this.enabled = config.enabled();
            this.router = new HostRouter(config);
            AgentIdentity configured = config.agentIdentity();
            // A credential must never become an agent name shown over JMX.
            this.identity = configured.kind() == AgentIdentity.Kind.HEADER
                    && SecretHeaders.isSecret(configured.headerName().orElse(null)) ? AgentIdentity.thread() : configured;
            this.turnHeader = config.turnHeader().orElse(null);
            this.backoff = config.backoff();
        }
    }
}
