package dev.turnstile.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The properties file named by turnstile.config, read from a real file system. */
class ConfigFileTest {

    @TempDir
    Path dir;

    private static LoadedConfig loadWithFile(Path file) {
        return ConfigLoader.load(null, Map.of("turnstile.config", file.toString()), Map.of());
    }

    @Test
    void readsKeysWithOrWithoutThePrefix() throws IOException {
        Path file = Files.writeString(dir.resolve("turnstile.properties"), String.join("\n",
                "# comments and blank lines are fine",
                "",
                "turnstile.global.limit = 12",
                "providers.my-proxy.hosts=proxy.internal:8443, *.llm.internal",
                "providers.my-proxy.limit=3",
                "providers.my-proxy.paths=/v1/chat/completions",
                "log.level=debug   "));

        LoadedConfig loaded = loadWithFile(file);

        assertThat(loaded.problems()).isEmpty();
        TurnstileConfig config = loaded.config();
        assertThat(config.globalLimit()).isEqualTo(12);
        assertThat(config.logLevel()).isEqualTo("debug");
        assertThat(config.configFile()).contains(file);
        ProviderConfig proxy = config.providers().get("my-proxy");
        assertThat(proxy.hosts()).extracting(HostPattern::toString).containsExactly("proxy.internal:8443", "*.llm.internal");
        assertThat(proxy.limit()).isEqualTo(3);
        assertThat(proxy.paths()).containsExactly("/v1/chat/completions");
    }

    @Test
    void theFileCanBeNamedInAgentArgumentsOrTheEnvironment() throws IOException {
        Path file = Files.writeString(dir.resolve("t.properties"), "global.limit=5\n");

        assertThat(ConfigLoader.load("config=" + file, Map.of(), Map.of()).config().globalLimit()).isEqualTo(5);
        assertThat(ConfigLoader.load(null, Map.of(), Map.of("TURNSTILE_CONFIG", file.toString())).config().globalLimit())
                .isEqualTo(5);
    }

    @Test
    void aMissingFileIsOneProblemAndTheRestStillLoads() {
        Path missing = dir.resolve("nope.properties");

        LoadedConfig loaded = ConfigLoader.load("global.limit=2", Map.of("turnstile.config", missing.toString()), Map.of());

        assertThat(loaded.problems())
                .containsExactly("turnstile.config: the file \"" + missing + "\" does not exist; continuing without it");
        assertThat(loaded.config().globalLimit()).isEqualTo(2);
        assertThat(loaded.config().configFile()).contains(missing);
    }

    @Test
    void aDirectoryInsteadOfAFileIsOneProblem() {
        LoadedConfig loaded = loadWithFile(dir);

        assertThat(loaded.problems()).singleElement().asString()
                .startsWith("turnstile.config: the file \"" + dir + "\" cannot be read")
                .endsWith("continuing without it");
        assertThat(loaded.config().providers()).isEqualTo(TurnstileConfig.defaults().providers());
    }

    @Test
    void aMalformedFileIsOneProblem() throws IOException {
        Path file = Files.writeString(dir.resolve("bad.properties"), "global.limit=\\uZZZZ\n");

        LoadedConfig loaded = loadWithFile(file);

        assertThat(loaded.problems()).singleElement().asString()
                .startsWith("turnstile.config: the file \"" + file + "\" cannot be read (java.lang.IllegalArgumentException");
        assertThat(loaded.config().globalLimit()).isZero();
    }

    @Test
    void badValuesInTheFileAreReportedLikeAnyOther() throws IOException {
        Path file = Files.writeString(dir.resolve("t.properties"), "providers.openai.limit=abc\nglobl.limit=3\n");

        LoadedConfig loaded = loadWithFile(file);

        assertThat(loaded.problems()).containsExactly(
                "turnstile.globl.limit: unknown key, ignored; did you mean turnstile.global.limit?",
                "turnstile.providers.openai.limit: \"abc\" is not a valid limit; expected a whole number ≥ 0"
                        + " (0 = unlimited); keeping 0");
    }

    @Test
    void aFileCannotNameAnotherFile() throws IOException {
        Path other = Files.writeString(dir.resolve("other.properties"), "global.limit=9\n");
        Path file = Files.writeString(dir.resolve("t.properties"), "config=" + other + "\nglobal.limit=1\n");

        LoadedConfig loaded = loadWithFile(file);

        assertThat(loaded.problems()).containsExactly(
                "turnstile.config in \"" + file + "\": a properties file cannot name another one; ignored");
        assertThat(loaded.config().globalLimit()).isEqualTo(1);
        assertThat(loaded.config().configFile()).contains(file);
    }

    @Test
    void readsUtf8AndFallsBackToLatin1() throws IOException {
        Path utf8 = Files.write(dir.resolve("utf8.properties"),
                "priority.turn-header=X-Tür\n".getBytes(StandardCharsets.UTF_8));
        Path latin1 = Files.write(dir.resolve("latin1.properties"),
                "priority.turn-header=X-Tür\n".getBytes(StandardCharsets.ISO_8859_1));

        // Both decode to the same text, which is then rejected as a header name: proof that it was read right.
        String expected = "turnstile.priority.turn-header: \"X-Tür\" is not a valid header name";
        assertThat(loadWithFile(utf8).problems()).singleElement().asString().startsWith(expected);
        assertThat(loadWithFile(latin1).problems()).singleElement().asString().startsWith(expected);
    }

    @Test
    void anEmptyConfigValueMeansNoFile() {
        LoadedConfig loaded = ConfigLoader.load("config=", Map.of(), Map.of(), Loading.NO_FILES);

        assertThat(loaded.problems()).isEmpty();
        assertThat(loaded.config().configFile()).isEmpty();
    }

    @Test
    void anInvalidPathIsOneProblem() {
        LoadedConfig loaded = ConfigLoader.load("config=bad\0path", Map.of(), Map.of(), Loading.NO_FILES);

        assertThat(loaded.problems()).singleElement().asString()
                .startsWith("turnstile.config: \"bad\0path\" is not a valid file path")
                .endsWith("keeping no file");
    }

    @Test
    void aReaderThatFailsUnexpectedlyIsOneProblem() {
        ConfigFileReader exploding = path -> {
            throw new IllegalStateException("disk on fire");
        };

        LoadedConfig loaded = ConfigLoader.load("config=x.properties;global.limit=2", Map.of(), Map.of(), exploding);

        assertThat(loaded.problems()).singleElement().asString().contains("disk on fire");
        assertThat(loaded.config().globalLimit()).isEqualTo(2);
    }
}
