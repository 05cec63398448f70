package dev.turnstile.it;

import dev.turnstile.it.apps.CallerLoop;
import dev.turnstile.it.support.CopiedJars;
import dev.turnstile.it.support.ScenarioJvms;

import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Reactor Netty's {@code HttpClient} over HTTP/2 (h2c and h2): 1.3 on Netty 4.2, the test class
 * path's, and 1.1 on Netty 4.1, copied aside by Maven (see {@link ReactorNetty11IT}). The limit
 * and the 429 run on both protocols on every JDK on 1.3, and on both protocols on 1.1 (h2c on
 * JDK 17, h2 on 25); the fault matrix runs pairwise over protocol, JDK and version (see
 * {@link AbstractHttp2IT}).
 */
class ReactorNettyHttp2IT extends AbstractHttp2IT {

    private static final Path REACTOR_NETTY_11 = Paths.get("target/reactor-netty-1.1").toAbsolutePath();

    ReactorNettyHttp2IT() {
        super(new Stack("Reactor Netty 1.3 (Netty 4.2)", new ScenarioJvms(CallerLoop.class, entries -> entries),
                        "reactor-netty-", "/netty-codec-http2-4.2.", "/reactor-netty-http-1.1."),
                new Stack("Reactor Netty 1.1 (Netty 4.1)", new ScenarioJvms(CallerLoop.class,
                        entries -> CopiedJars.instead(entries,
                                path -> path.contains("/io/projectreactor/") || path.contains("/io/netty/"),
                                REACTOR_NETTY_11)),
                        "reactor-netty-", "/reactor-netty-http-1.1.26.jar", "/netty-codec-http2-4.2."));
    }

    @Override
    boolean isReadTimeout(String failure) {
        return failure.contains("imeout");
    }
}
