package dev.turnstile.bootstrap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class AttachReportTest {

    @AfterEach
    void clear() {
        System.clearProperty(AttachReport.PROPERTY);
    }

    @Test
    void theTokenRidesInFrontOfTheOperatorsArgumentsAndComesOffAgain() {
        String request = AttachReport.request("t-1", "providers.openai.limit=4;global.limit=6");

        assertThat(AttachReport.token(request)).isEqualTo("t-1");
        assertThat(AttachReport.arguments(request)).isEqualTo("providers.openai.limit=4;global.limit=6");
        assertThat(AttachReport.arguments(AttachReport.request("t-2", ""))).isEmpty();
    }

    @Test
    void argumentsWithoutATokenAreLeftAlone() {
        assertThat(AttachReport.token("providers.openai.limit=4")).isNull();
        assertThat(AttachReport.arguments("providers.openai.limit=4")).isEqualTo("providers.openai.limit=4");
        assertThat(AttachReport.token(null)).isNull();
    }

    @Test
    void theAttacherReadsOutcomeSummaryAndEveryWarning() {
        AttachReport.publish("t-1", "started\nTurnstile 1 started (attached): limits openai=4\n"
                + "configuration: providers.openai.limit: 'x' is not a number\nconfiguration: global.limt: unknown key");

        AttachReport.Answer answer = AttachReport.read(System.getProperties(), "t-1");

        assertThat(answer.outcome).isEqualTo("started");
        assertThat(answer.summary).isEqualTo("Turnstile 1 started (attached): limits openai=4");
        assertThat(answer.warnings).containsExactly("configuration: providers.openai.limit: 'x' is not a number",
                "configuration: global.limt: unknown key");
    }

    @Test
    void anAnswerLeftForAnotherAttachOrNoneAtAllIsNoAnswer() {
        assertThat(AttachReport.read(new Properties(), "t-1")).isNull();
        AttachReport.publish("earlier", "started\nTurnstile 1 started (attached)");

        assertThat(AttachReport.read(System.getProperties(), "t-1")).isNull();
    }
}
