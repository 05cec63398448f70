package dev.turnstile.jmx;

import java.beans.ConstructorProperties;

/** One row of the Fleet MBean's {@code Providers}: a provider's fleet numbers, as a {@code CompositeData}. */
public final class FleetProviderRow {

    private final String provider;
    private final int limit;
    private final int localShare;
    private final int fleetInFlight;
    private final int fleetQueued;

    @ConstructorProperties({"provider", "limit", "localShare", "fleetInFlight", "fleetQueued"})
    public FleetProviderRow(String provider, int limit, int localShare, int fleetInFlight, int fleetQueued) {
        this.provider = provider;
        this.limit = limit;
        this.localShare = localShare;
        this.fleetInFlight = fleetInFlight;
        this.fleetQueued = fleetQueued;
    }

    public String getProvider() {
        return provider;
    }

    public int getLimit() {
        return limit;
    }

    public int getLocalShare() {
        return localShare;
    }

    public int getFleetInFlight() {
        return fleetInFlight;
    }

    public int getFleetQueued() {
        return fleetQueued;
    }

    /** One readable line: 'openai: limit 8, local share 2, fleet 5 in flight, 3 queued'. */
    String line() {
        return provider + ": limit " + (limit == 0 ? "unlimited" : Integer.toString(limit)) + ", local share "
                + (localShare == 0 ? "unlimited" : Integer.toString(localShare)) + ", fleet " + fleetInFlight
                + " in flight, " + fleetQueued + " queued";
    }
}
