package dev.turnstile.agent;

import dev.turnstile.config.HostPattern;
import dev.turnstile.config.ProviderConfig;
import dev.turnstile.config.TurnstileConfig;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StartLineTest {

    private static TurnstileConfig config(int globalLimit, int... limits) {
        List<ProviderConfig> providers = new ArrayList<>();
        for (int i = 0; i < limits.length; i++) {
            providers.add(ProviderConfig.builder("p" + i).hosts(List.of(HostPattern.parse("h" + i + ".example")))
                    .limit(limits[i]).build());
        }
        return TurnstileConfig.builder().presets(false).providers(providers).globalLimit(globalLimit).build();
    }

    @Test
    void noLimitSaysSoAndCountsTheUnlimitedProviders() {
        assertThat(StartLine.describe(config(0, 0, 0, 0), 0))
                .isEqualTo(": no limits set; 3 providers unlimited (counted, paused on 429)");
    }

    @Test
    void limitsComeFirstThenTheGlobalLimitThenTheOthers() {
        assertThat(StartLine.describe(config(6, 4, 0, 0), 0))
                .isEqualTo(": limits p0=4, global 6; 2 more providers unlimited (counted, paused on 429)");
    }

    @Test
    void aGlobalLimitAloneLeavesNoProviderToCallMore() {
        assertThat(StartLine.describe(config(6, 0), 0)).isEqualTo(": limits global 6; 1 provider unlimited (counted, paused on 429)");
    }

    @Test
    void everyProviderLimitedLeavesNothingUnlimitedToMention() {
        assertThat(StartLine.describe(config(0, 2, 3), 0)).isEqualTo(": limits p0=2, p1=3");
    }

    @Test
    void configurationProblemsAreCountedAndPointToTheWarnings() {
        assertThat(StartLine.describe(config(0, 2), 1)).isEqualTo(" with 1 configuration problem (see the warnings above): limits p0=2");
        assertThat(StartLine.describe(config(0, 0), 3))
                .startsWith(" with 3 configuration problems (see the warnings above): no limits set");
    }
}
