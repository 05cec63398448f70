package dev.turnstile.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnstile.it.apps.FleetFamiliesApp;
import dev.turnstile.it.support.ChildJvm;
import dev.turnstile.it.support.Gating;
import dev.turnstile.it.support.MockLlmServer;
import dev.turnstile.redis.RedisServer;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * A JVM with the packaged agent joins the fleet through Redis over TLS ({@code rediss://}, with a
 * certificate the test makes with openssl and the JVM trusts), and another through a plain port;
 * both as an ACL user whose password is in the URL. Each joins (the Fleet MBean's Backend is
 * SHARED, its calls are counted in Redis), Redis sees the ACL user on its connections, and the
 * password appears in no line the JVM writes and in no attribute or notification of its MBeans.
 */
class FleetRedisSecurityIT {

    private static final Path JDK = Paths.get(System.getProperty("java.home"));
    private static final Duration START = Duration.ofSeconds(60);
    private static final Duration AWAIT = Duration.ofSeconds(30);
    private static final String USER = "fleet";
    private static final String PASSWORD = "fleet-pass-do-not-show-7fz2";

    @TempDir
    static Path dir;
    private static RedisServer redis;
    private static MockLlmServer provider;
    private static ChildJvm overTls;
    private static ChildJvm plain;

    @BeforeAll
    static void startRedisWithTlsAndAnAclUserAndOneJvmOnEachPort() throws Exception {
        Path cert = dir.resolve("redis.crt");
        Path key = dir.resolve("redis.key");
        run(openssl(), "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
                "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key.toString(), "-out", cert.toString());
        Path trust = dir.resolve("trust.p12");
        run(JDK.resolve("bin/keytool").toString(), "-importcert", "-noprompt", "-alias", "redis", "-file", cert.toString(),
                "-keystore", trust.toString(), "-storetype", "PKCS12", "-storepass", "changeit");
        int tlsPort = RedisServer.freePort();
        redis = RedisServer.start(List.of("--tls-port", Integer.toString(tlsPort), "--tls-cert-file", cert.toString(),
                "--tls-key-file", key.toString(), "--tls-ca-cert-file", cert.toString(), "--tls-auth-clients", "no",
                "--user", USER, "on", ">" + PASSWORD, "~*", "&*", "+@all"));
        provider = new MockLlmServer();
        String credentials = USER + ":" + PASSWORD + "@127.0.0.1:";
        overTls = start("rediss://" + credentials + tlsPort, "tls", List.of("-Djavax.net.ssl.trustStore=" + trust,
                "-Djavax.net.ssl.trustStorePassword=changeit", "-Djavax.net.ssl.trustStoreType=PKCS12"));
        plain = start("redis://" + credentials + redis.port(), "plain", List.of());
        overTls.awaitOutput("READY", START); // READY: the Fleet MBean's Backend is SHARED
        plain.awaitOutput("READY", START);
    }

    @AfterAll
    static void stopEverything() throws Exception {
        for (ChildJvm jvm : new ChildJvm[] {overTls, plain}) {
            if (jvm != null) {
                jvm.close();
            }
        }
        if (provider != null) {
            provider.releaseHeld();
            provider.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void aJvmJoinsTheFleetOverTlsAsAnAclUserAndShowsItsPasswordNowhere() throws Exception {
        joinedAsTheAclUserAndShowsThePasswordNowhere(overTls, "tls", "rediss");
    }

    @Test
    void aJvmJoinsTheFleetAsAnAclUserAndShowsItsPasswordNowhere() throws Exception {
        joinedAsTheAclUserAndShowsThePasswordNowhere(plain, "plain", "redis");
    }

    private static void joinedAsTheAclUserAndShowsThePasswordNowhere(ChildJvm jvm, String namespace, String scheme)
            throws Exception {
        try (Jedis admin = redis.connect()) {
            assertThat(admin.zcard("ts:{" + namespace + "}:jvms")).as("the JVM's lease in its namespace").isEqualTo(1);
            provider.holdAgain();
            command(jvm, "calls c1 1 /v1/held");
            jvm.awaitCondition(() -> admin.zcard("ts:{" + namespace + "}:p:test:holders") == 1,
                    "the call's slot held in Redis", AWAIT);
            provider.releaseHeld();
            jvm.awaitOutput("DONE c1 ok=1 failed=0", AWAIT);
            assertThat(admin.clientList().lines().filter(client -> client.contains(" name=turnstile "))
                    .toList()).as("the agent's connections to Redis").isNotEmpty()
                    .allSatisfy(client -> assertThat(client).contains(" user=" + USER + " "));
        }
        command(jvm, "jmx c2");
        jvm.awaitOutput("DONE c2", AWAIT);
        assertThat(jvm.stdout()).as("the JVM's MBeans, read").contains("JMX dev.turnstile:type=Fleet Backend=SHARED");

        assertThat(jvm.stderr()).as("the agent's log names the URL, its password masked")
                .anyMatch(line -> line.contains("shared limits through redis " + scheme + "://" + USER + ":***@127.0.0.1:"));
        List<String> written = new ArrayList<>(jvm.stdout());
        written.addAll(jvm.stderr());
        assertThat(written).as("every line the JVM wrote, its MBeans' attributes and notifications among them")
                .noneMatch(line -> line.contains(PASSWORD));
    }

    // ---------------------------------------------------------------- helpers

    private static ChildJvm start(String url, String namespace, List<String> jvmOptions) throws Exception {
        String agentArgs = Gating.of(provider, 2).agentArgs() + ";redis.url=" + url + ";redis.namespace=" + namespace;
        return ChildJvm.start(JDK, agentArgs, jvmOptions, FleetFamiliesApp.class, provider.url(""), "jdk", "X-Turn-Start");
    }

    private static void command(ChildJvm jvm, String line) throws IOException {
        OutputStream input = jvm.stdin();
        input.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        input.flush();
    }

    /** The openssl on the PATH; a machine without one fails the test, saying how to install it. */
    private static String openssl() {
        for (String directory : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            Path candidate = Path.of(directory, "openssl");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new AssertionError("openssl is not installed, and the TLS test makes its certificate with it: "
                + "run ./test.sh (it installs it) or `sudo apt-get install -y openssl`");
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0)
                .as("%s\n%s", String.join(" ", command), output).isTrue();
    }
}
