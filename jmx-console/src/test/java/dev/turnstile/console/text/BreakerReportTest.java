package dev.turnstile.console.text;

import dev.turnstile.console.model.BreakerStatus;
import dev.turnstile.console.model.ProviderStatus;
import dev.turnstile.console.model.Status;
import dev.turnstile.console.model.StatusJson;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The overload breaker in {@code status}: a line of its own when on, and an object in the JSON. */
class BreakerReportTest {

    private static ProviderStatus provider(String id, BreakerStatus breaker) {
        return new ProviderStatus(id, id + ".example.com", 2, 2, 0, 0, false, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                Double.NaN, Double.NaN, Double.NaN, Double.NaN, "", breaker);
    }

    private static Status status(ProviderStatus... providers) {
        return new Status("1234", 0, true, 0, List.of(providers), List.of());
    }

    @Test
    void breakersThatAreOnAreNamedWithTheirStateAndCounts() {
        Status status = status(provider("openai", new BreakerStatus(3, "closed", 1, 0)),
                provider("anthropic", new BreakerStatus(5, "open", 5, 2)), provider("gemini", BreakerStatus.OFF));

        assertThat(StatusReport.render(status)).contains("overload breakers: openai closed (1 of 3 failures, opened 0 times), "
                + "anthropic OPEN (5 of 5 failures, opened 2 times)").doesNotContain("gemini closed");
    }

    @Test
    void noLineWhenEveryBreakerIsOff() {
        assertThat(StatusReport.render(status(provider("openai", BreakerStatus.OFF)))).doesNotContain("breaker");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theJsonCarriesTheBreaker() {
        Map<String, Object> json = StatusJson.provider(provider("openai", new BreakerStatus(3, "probing", 3, 1)));

        assertThat((Map<String, Object>) json.get("breaker")).containsExactly(Map.entry("failures", 3),
                Map.entry("state", "probing"), Map.entry("consecutiveFailures", 3), Map.entry("opened", 1L));
    }
}
