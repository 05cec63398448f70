package dev.turnstile.console.terminal;

import dev.turnstile.console.model.AgentRow;
import dev.turnstile.console.model.ProviderStatus;
import dev.turnstile.console.model.Status;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class WatchScreenTest {

    private static final List<String> PRESETS = List.of("openai", "anthropic", "gemini", "mistral", "groq", "deepseek",
            "xai", "openrouter", "together", "fireworks", "cohere", "perplexity", "azure-openai", "ollama");

    private static ProviderStatus provider(String id, int limit, int effective, int inFlight, int queued, boolean paused) {
        return new ProviderStatus(id, id + ".example.com", limit, effective, inFlight, queued, paused, paused ? 12_300 : 0,
                120, 100, 3, 4, 1, 0, 0, 0, 12.0, 3_400.0, 900.0, 2_000.0,
                paused ? "rate limited; the provider asked to wait 20000 ms" : "");
    }

    private static ProviderStatus idle(String id) {
        return new ProviderStatus(id, id + ".example.com", 0, 0, 0, 0, false, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                Double.NaN, Double.NaN, Double.NaN, Double.NaN, "");
    }

    /** The demo's shape: one limited provider under load, one paused, the presets idle, many agents. */
    private static Status demo() {
        List<ProviderStatus> providers = new ArrayList<>();
        PRESETS.forEach(id -> providers.add(idle(id)));
        providers.set(1, provider("anthropic", 4, 3, 3, 7, true));
        providers.add(provider("mock-llm", 8, 8, 8, 12, false));
        List<AgentRow> agents = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            agents.add(new AgentRow("agent-" + i + "#" + (500 + i), i % 2 == 0 ? "mock-llm" : "anthropic", 0, i * 1_000L, 3, 1, 0));
        }
        return new Status("12345", 0, true, 0, providers, agents);
    }

    @Test
    void at80By24TheHeaderStaysAndEveryLineFits() {
        List<String> frame = new WatchScreen(false, false).render(demo(), 80, 24);

        assertThat(frame).hasSize(24).allSatisfy(line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(80));
        assertThat(frame.get(0)).startsWith("Turnstile on 12345: enabled, global limit unlimited, 11 in flight, 19 queued");
        assertThat(frame.get(1)).startsWith("q or Ctrl-C quits   read at ");
    }

    @Test
    void busyProvidersComeFirstAndIdleUnlimitedOnesFoldIntoOneLine() {
        List<String> frame = new WatchScreen(false, false).render(demo(), 80, 24);

        assertThat(frame.get(3)).startsWith("PROVIDER").contains("IN FLIGHT", "QUEUED", "LIMIT", "PAUSED", "WAIT P50/P99");
        assertThat(frame.get(4)).startsWith("anthropic").contains("3/3", "3 of 4", "PAUSED 12.3s", "12ms/3.4s");
        assertThat(frame.get(5)).startsWith("mock-llm").contains("8/8");
        assertThat(frame.get(6)).startsWith("+ 13 idle providers: openai, gemini, mistral, groq,").endsWith("~");
        assertThat(frame).noneMatch(line -> line.startsWith("openai ") || line.startsWith("gemini "));
    }

    @Test
    void theOldestAgentsFillTheRowsLeftAndTheRestAreCounted() {
        List<String> frame = new WatchScreen(false, false).render(demo(), 80, 24);

        assertThat(frame.get(7)).isEmpty();
        assertThat(frame.get(8)).startsWith("AGENT");
        assertThat(frame.get(9)).startsWith("agent-29#529");
        assertThat(frame.get(23)).isEqualTo("~ and 16 more");
    }

    @Test
    void withoutRoomForEveryBusyProviderTheRestAreFoldedAndCounted() {
        List<ProviderStatus> busy = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            busy.add(provider("p" + i, 2, 2, 1, 1, false));
        }
        List<String> frame = new WatchScreen(false, false).render(new Status("1", 0, true, 0, busy, List.of()), 80, 24);

        assertThat(frame).hasSize(24);
        assertThat(frame.get(1)).startsWith("q or Ctrl-C quits   read at ");
        assertThat(frame.get(21)).startsWith("+ 13 more providers (13 busy; 'status' shows all): p17, p18");
        assertThat(frame.get(23)).isEqualTo("no agent has a call in flight or queued");
    }

    @Test
    void aPausedRowIsInReverseVideoAndSaysSoInWordsWithoutAColour() {
        List<String> frame = new WatchScreen(true, true).render(demo(), 80, 24);

        String paused = frame.stream().filter(line -> line.contains("anthropic")).findFirst().orElseThrow();
        assertThat(paused).startsWith("\u001b[1m\u001b[7m").contains("PAUSED 12.3s").doesNotContainPattern("\u001b\\[3\\dm");
        assertThat(frame).noneMatch(line -> line.matches(".*\u001b\\[(3|4|9|10)\\dm.*"));
    }

    @Test
    void aWideTerminalGetsTheWidestBarAndAPipeGetsEveryAgent() {
        List<String> frame = new WatchScreen(false, false).render(demo(), 160, Integer.MAX_VALUE);

        assertThat(frame).anySatisfy(line -> assertThat(line).startsWith("mock-llm").contains("[####################] 8/8"));
        assertThat(frame).anySatisfy(line -> assertThat(line).isEqualTo("~ and 21 more"));
    }
}
