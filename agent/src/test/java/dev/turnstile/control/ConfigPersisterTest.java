package dev.turnstile.control;

import dev.turnstile.config.ConfigLoader;
import dev.turnstile.config.LoadedConfig;
import dev.turnstile.config.TurnstileConfig;
import dev.turnstile.core.SlotScheduler;
import dev.turnstile.core.time.TimerService;
import dev.turnstile.http.Gate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

class ConfigPersisterTest {

    private static final TimerService NO_TIMER = (task, delay) -> () -> { };

    @TempDir
    Path dir;

    private RuntimeControl controlFor(Path file) {
        LoadedConfig loaded = ConfigLoader.load("config=" + file, Map.of(), Map.of());
        assertThat(loaded.problems()).isEmpty();
        TurnstileConfig config = loaded.config();
        SlotScheduler scheduler = new SlotScheduler(SchedulerSettingsMapper.settings(config), NO_TIMER);
        config.providers().values().forEach(p -> scheduler.addProvider(SchedulerSettingsMapper.provider(p)));
        RuntimeControl control = new RuntimeControl(scheduler, new Gate(scheduler, config));
        control.onChange(new ConfigPersister(file));
        return control;
    }

    @Test
    void aRuntimeChangeIsWrittenBackKeepingCommentsAndSurvivesAReload() throws Exception {
        Path file = dir.resolve("turnstile.properties");
        Files.writeString(file, "# our limits, agreed with the provider\n"
                + "providers.openai.limit=2\n\n"
                + "# a local model\n"
                + "turnstile.providers.local.hosts=localhost:8000\n"
                + "turnstile.providers.local.limit=1\n");
        RuntimeControl control = controlFor(file);

        control.setLimit("openai", 5);
        control.addProvider("mistral-eu", "api.mistral.ai", 3);
        control.setGlobalLimit(7);

        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(text).startsWith("# our limits, agreed with the provider\nproviders.openai.limit=5\n\n# a local model\n");
        assertThat(text).contains("turnstile.providers.local.limit=1", "turnstile.global.limit=7",
                "turnstile.providers.mistral-eu.limit=3");
        TurnstileConfig reloaded = ConfigLoader.load("config=" + file, Map.of(), Map.of()).config();
        assertThat(reloaded.provider("openai").orElseThrow().limit()).isEqualTo(5);
        assertThat(reloaded.provider("mistral-eu").orElseThrow().limit()).isEqualTo(3);
        assertThat(reloaded.globalLimit()).isEqualTo(7);
        assertThat(Files.list(dir)).as("no temporary file left behind").containsExactly(file);
    }

    @Test
    void aRemovedProviderLeavesTheFile() throws Exception {
        Path file = dir.resolve("turnstile.properties");
        Files.writeString(file, "providers.local.hosts=localhost:8000\nproviders.local.limit=1\n");
        RuntimeControl control = controlFor(file);

        control.removeProvider("local");

        assertThat(Files.readString(file)).doesNotContain("local");
        assertThat(ConfigLoader.load("config=" + file, Map.of(), Map.of()).config().provider("local")).isEmpty();
    }

    @Test
    void aWriteFailureIsLoggedAndTheChangeStaysLive() throws Exception {
        Path file = dir.resolve("gone").resolve("turnstile.properties");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "providers.openai.limit=2\n");
        RuntimeControl control = controlFor(file);
        Files.delete(file);
        Files.delete(file.getParent()); // the folder vanished: nowhere to write

        assertThatCode(() -> control.setLimit("openai", 9)).doesNotThrowAnyException();

        assertThat(control.scheduler().snapshot().provider("openai").limit()).isEqualTo(9);
    }

    @Test
    void mergeReplacesInPlaceDropsDefaultsAndAppendsNewKeys() {
        String merged = ConfigPersister.merge(java.util.List.of("# head", "turnstile.global.limit = 3",
                "providers.openai.limit: 2", "other.key=kept", "turnstile.persist=true"),
                new java.util.LinkedHashMap<>(Map.of("turnstile.providers.openai.limit", "4")));

        assertThat(merged).isEqualTo("# head\nproviders.openai.limit=4\nother.key=kept\nturnstile.persist=true\n");
    }
}
