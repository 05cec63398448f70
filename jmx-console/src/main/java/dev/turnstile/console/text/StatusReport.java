package dev.turnstile.console.text;

import dev.turnstile.console.model.AgentRow;
import dev.turnstile.console.model.BreakerStatus;
import dev.turnstile.console.model.Budget;
import dev.turnstile.console.model.FleetView;
import dev.turnstile.console.model.ProviderStatus;
import dev.turnstile.console.model.Status;

import java.util.List;

/** The text of {@code status} and {@code agents}: a summary line and aligned tables. */
public final class StatusReport {

    private StatusReport() {
    }

    /** The gate's settings and its totals: the sums of the provider rows of the same read. */
    public static String summary(Status status) {
        return "Turnstile on " + status.target() + ": " + (status.enabled() ? "enabled" : "DISABLED (calls go ungated)")
                + ", global limit " + Formats.limitText(status.globalLimit()) + ", " + status.globalInFlight()
                + " in flight, " + status.globalQueued() + " queued";
    }

    /**
     * One row per provider: limit, effective, in flight, queued, paused with time left, 429s,
     * reclaims and abandoned bodies among them, wait p50/p99.
     */
    public static Table providers(Status status) {
        Table table = new Table("<PROVIDER", "LIMIT", "EFFECTIVE", "IN FLIGHT", "QUEUED", "<PAUSED", "429s",
                "RECLAIMED", "ABANDONED", "WAIT P50", "WAIT P99", "<HOSTS");
        for (ProviderStatus provider : status.providers()) {
            table.row(provider.id(), Formats.limitText(provider.limit()), Formats.limitText(provider.effectiveLimit()),
                    provider.inFlight(), provider.queued(), paused(provider), provider.rateLimited(),
                    provider.reclaimed(), provider.abandoned(), waitP50(provider), waitP99(provider), provider.hosts());
        }
        return table;
    }

    /** The median wait, or {@code -} before the first call got a slot. */
    public static String waitP50(ProviderStatus provider) {
        return Formats.percentile(provider.waitP50Millis());
    }

    public static String waitP99(ProviderStatus provider) {
        return Formats.percentile(provider.waitP99Millis());
    }

    public static String paused(ProviderStatus provider) {
        return provider.paused() ? "yes, " + Formats.millis(provider.pauseRemainingMillis()) + " left" : "no";
    }

    public static Table agents(List<AgentRow> agents) {
        Table table = new Table("<AGENT", "<PROVIDER", "TURN AGE", "TURN CALLS", "IN FLIGHT", "QUEUED");
        for (AgentRow agent : agents) {
            table.row(agent.agent(), agent.provider(), Formats.millis(agent.turnAgeMillis()), agent.turnCalls(),
                    agent.inFlight(), agent.queued());
        }
        return table;
    }

    /** The whole {@code status} text. */
    public static String render(Status status) {
        StringBuilder out = new StringBuilder(summary(status)).append(System.lineSeparator()).append(System.lineSeparator());
        if (status.providers().isEmpty()) {
            out.append("no providers configured").append(System.lineSeparator());
        } else {
            out.append(providers(status));
            out.append(budgets(status));
            out.append(ungated(status));
            out.append(breakers(status));
        }
        status.fleet().ifPresent(fleet -> out.append(System.lineSeparator()).append(fleet(fleet)));
        return out.toString();
    }

    /**
     * The fleet beside the local view, when the target shares its limits through Redis: a line for
     * the backend, then one per provider.
     */
    public static String fleet(FleetView fleet) {
        StringBuilder out = new StringBuilder("fleet (Redis namespace ").append(fleet.namespace()).append("): ")
                .append(fleet.backend()).append(", ").append(fleet.liveInstances()).append(" live JVMs, round trip ")
                .append(fleet.redisRoundTripMicros() < 0 ? "-" : fleet.redisRoundTripMicros() + " µs").append(", ")
                .append(fleet.failOvers()).append(" fail-overs, ").append(fleet.rejoins()).append(" rejoins, ")
                .append(fleet.leasesReclaimed()).append(" reclaimed from dead JVMs").append(System.lineSeparator());
        for (FleetView.Provider provider : fleet.providers()) {
            out.append("  ").append(provider.provider()).append(": fleet limit ").append(Formats.limitText(provider.limit()))
                    .append(", local share ").append(Formats.limitText(provider.localShare())).append(", fleet ")
                    .append(provider.fleetInFlight()).append(" in flight, ").append(provider.fleetQueued()).append(" queued")
                    .append(System.lineSeparator());
        }
        return out.toString();
    }

    /**
     * A line per provider with a per-minute budget: what it allows, what is left of the current
     * window, and why it holds the queue when it does; nothing when no provider has one.
     */
    static String budgets(Status status) {
        StringBuilder lines = new StringBuilder();
        for (ProviderStatus provider : status.providers()) {
            Budget budget = provider.budget();
            if (!budget.isOn()) {
                continue;
            }
            lines.append(System.lineSeparator()).append("budget ").append(provider.id()).append(':');
            if (budget.rpm() > 0) {
                lines.append(" rpm ").append(budget.rpm()).append(" (").append(budget.rpmRemaining()).append(" left)");
            }
            if (budget.tpm() > 0) {
                lines.append(" tpm ").append(budget.tpm()).append(" (").append(budget.tpmRemaining()).append(" left)");
            }
            if (!budget.hold().isEmpty()) {
                lines.append("; holding the queue: ").append(budget.hold());
            }
        }
        return lines.length() == 0 ? "" : lines.append(System.lineSeparator()).toString();
    }

    /**
     * A line with each overload breaker that is on ({@code openai closed (1 of 3 failures), anthropic
     * OPEN (opened 2 times)}), or nothing when none is.
     */
    static String breakers(Status status) {
        StringBuilder line = new StringBuilder();
        for (ProviderStatus provider : status.providers()) {
            BreakerStatus breaker = provider.breaker();
            if (breaker.on()) {
                line.append(line.length() == 0 ? "" : ", ").append(provider.id()).append(' ')
                        .append(breaker.state().equals("closed") ? "closed" : breaker.state().toUpperCase(java.util.Locale.ROOT))
                        .append(" (").append(breaker.consecutiveFailures()).append(" of ").append(breaker.failures())
                        .append(" failures, opened ").append(breaker.opened()).append(breaker.opened() == 1 ? " time)" : " times)");
            }
        }
        return line.length() == 0 ? "" : System.lineSeparator() + "overload breakers: " + line + System.lineSeparator();
    }

    /**
     * A line naming the providers reached by connections no gate held (a stack Turnstile does
     * not gate; the agent's WARN names it), or nothing when there were none.
     */
    static String ungated(Status status) {
        StringBuilder line = new StringBuilder();
        for (ProviderStatus provider : status.providers()) {
            if (provider.ungated() > 0) {
                line.append(line.length() == 0 ? "" : ", ").append(provider.id()).append(' ').append(provider.ungated());
            }
        }
        return line.length() == 0 ? ""
                : System.lineSeparator() + "ungated connections (a stack Turnstile does not gate; see the agent's WARN): "
                        + line + System.lineSeparator();
    }
}
