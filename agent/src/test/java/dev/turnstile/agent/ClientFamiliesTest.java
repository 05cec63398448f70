package dev.turnstile.agent;

import dev.turnstile.extension.ClientInstrumentation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ClientFamiliesTest {

    private final List<String> problems = new ArrayList<>();

    @Test
    void theFamiliesAreFoundInTheOrderOfTheServiceFile() {
        List<ClientInstrumentation> families = ClientFamilies.load(ClientFamiliesTest.class.getClassLoader(),
                problems::add);

        assertThat(families).extracting(ClientInstrumentation::name).containsExactly("jdk-httpclient", "urlconnection",
                "okhttp", "apache-httpclient5", "apache-httpclient5-async", "apache-httpclient4", "reactor-netty",
                "jetty-httpclient", "vertx-httpclient", "vertx4-httpclient", "micrometer-meters", "ungated-connections");
        assertThat(families).allSatisfy(family -> assertThat(family.library().versions()).isNotBlank());
        assertThat(problems).isEmpty();
    }

    @Test
    void aFamilyThatCannotBeMadeIsReportedAndTheOthersStillLoad(@TempDir Path dir) throws Exception {
        Path services = Files.createDirectories(dir.resolve("META-INF/services"));
        Files.writeString(services.resolve(ClientInstrumentation.class.getName()),
                "no.such.Family\n" + "dev.turnstile.apache4.Apache4Instrumentation\n");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()},
                ClientFamiliesTest.class.getClassLoader())) {
            List<ClientInstrumentation> families = ClientFamilies.load(loader, problems::add);
            int shipped = ClientFamilies.load(ClientFamiliesTest.class.getClassLoader(), problem -> { }).size();

            assertThat(families).as("every shipped family, the duplicate Apache 4 line once").hasSize(shipped).extracting(ClientInstrumentation::name).doesNotHaveDuplicates();
            assertThat(problems).singleElement().asString().contains("no.such.Family");
        }
    }
}
