package dev.turnstile.agent;

import java.util.ArrayList;
import java.util.List;

/**
 * The start line's list of HTTP stacks Turnstile knows and does not gate, found on the class path
 * (by resource, nothing is loaded). Their connections to a provider are counted and reported as
 * they happen; this says up front that they are there.
 */
final class UngatedLibraries {

    /** A library, a class file that shows it is there, and those that show a gated stack covers it. */
    private static final class Known {
        final String name;
        final String present;
        final List<String> coveredBy;

        Known(String name, String present, String... coveredBy) {
            this.name = name;
            this.present = present;
            this.coveredBy = List.of(coveredBy);
        }
    }

    private static final List<Known> KNOWN = List.of(
            new Known("Netty without Reactor Netty or Vert.x 4.5+", "io/netty/channel/Channel.class",
                    "reactor/netty/http/client/HttpClient.class", "io/vertx/core/net/HostAndPort.class"),
            // Vert.x 4.5 and 5 are gated; HostAndPort is new in 4.5.
            new Known("Vert.x HttpClient before 4.5", "io/vertx/core/http/HttpClient.class",
                    "io/vertx/core/net/HostAndPort.class"),
            new Known("AsyncHttpClient", "org/asynchttpclient/AsyncHttpClient.class"),
            new Known("OkHttp 2", "com/squareup/okhttp/OkHttpClient.class"),
            new Known("Jetty HttpClient before 12", "org/eclipse/jetty/client/HttpClient.class",
                    "org/eclipse/jetty/client/transport/HttpDestination.class"),
            new Known("gRPC", "io/grpc/ManagedChannel.class"));

    private UngatedLibraries() {
    }

    /** For example {@code "; not gated, on the class path: OkHttp 2, gRPC (connections to a provider are reported)"}, or empty. */
    static String describe(ClassLoader probe) {
        List<String> found = new ArrayList<>();
        for (Known library : KNOWN) {
            if (probe.getResource(library.present) != null
                    && library.coveredBy.stream().noneMatch(covered -> probe.getResource(covered) != null)) {
                found.add(library.name);
            }
        }
        return found.isEmpty() ? ""
                : "; not gated, on the class path: " + String.join(", ", found) + " (connections to a provider are reported)";
    }
}
