package dev.turnstile.agent;

import org.junit.jupiter.api.Test;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static org.assertj.core.api.Assertions.assertThat;

class AdvicePlanTest {

    @Test
    void looksClassesUpByInternalNameAndGathersTheirAdvice() {
        AdvicePlan plan = new AdvicePlan();
        plan.type("a.b.Client", "a.b.OtherClient")
                .advice(named("send"), "x.SendAdvice")
                .advice(named("close"), "x.CloseAdvice");
        plan.type("a.b.Client").advice(named("connect"), "x.ConnectAdvice");

        assertThat(plan.entriesFor("a/b/Client")).extracting(entry -> entry.adviceClass)
                .containsExactly("x.SendAdvice", "x.CloseAdvice", "x.ConnectAdvice");
        assertThat(plan.entriesFor("a/b/OtherClient")).extracting(entry -> entry.adviceClass)
                .containsExactly("x.SendAdvice", "x.CloseAdvice");
        assertThat(plan.covers("a.b.OtherClient")).isTrue();
    }

    @Test
    void leavesEveryOtherClassAlone() {
        AdvicePlan plan = new AdvicePlan();
        plan.type("a.b.Client").advice(named("send"), "x.SendAdvice");

        assertThat(plan.entriesFor("a/b/Client2")).isEmpty();
        assertThat(plan.entriesFor("a.b.Client")).as("a binary name is not an internal name").isEmpty();
        assertThat(plan.covers("a.b.Clien")).isFalse();
    }
}
