package dev.turnstile.console.text;

import dev.turnstile.console.model.Budget;
import dev.turnstile.console.model.ProviderStatus;
import dev.turnstile.console.model.Status;
import dev.turnstile.console.model.StatusJson;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Per-minute budgets in {@code status}: a line per provider that has one, and keys in the JSON. */
class BudgetLinesTest {

    private static ProviderStatus provider(String id, Budget budget) {
        return new ProviderStatus(id, id + ".example.com", 0, 0, 0, 2, false, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                Double.NaN, Double.NaN, Double.NaN, Double.NaN, "", budget);
    }

    private static final Status STATUS = new Status("1234", 0, true, 0, List.of(
            provider("ollama", new Budget(30, 5_000, 0, 1_200, "request budget: 30 of rpm 30 started in the last 60 s")),
            provider("openai", Budget.OFF)), List.of());

    @Test
    void aProviderWithABudgetGetsALineSayingWhatIsLeftAndWhatHolds() {
        List<String> lines = StatusReport.render(STATUS).lines().toList();

        assertThat(lines).contains("budget ollama: rpm 30 (0 left) tpm 5000 (1200 left); holding the queue: "
                + "request budget: 30 of rpm 30 started in the last 60 s");
        assertThat(lines).noneMatch(line -> line.startsWith("budget openai"));
    }

    @Test
    void noBudgetAnywhereAddsNoLine() {
        Status none = new Status("1234", 0, true, 0, List.of(provider("openai", Budget.OFF)), List.of());

        assertThat(StatusReport.render(none)).doesNotContain("budget");
    }

    @Test
    void theJsonCarriesTheBudgetsOfEveryProvider() {
        Map<String, Object> ollama = StatusJson.provider(STATUS.providers().get(0));
        Map<String, Object> openai = StatusJson.provider(STATUS.providers().get(1));

        assertThat(ollama).containsEntry("rpm", 30).containsEntry("tpm", 5_000L).containsEntry("rpmRemaining", 0L)
                .containsEntry("tpmRemaining", 1_200L).containsKey("budgetHold");
        assertThat(openai).containsEntry("rpm", 0).containsEntry("rpmRemaining", -1L).containsEntry("budgetHold", "");
    }
}
