package dev.turnstile.agent;

import dev.turnstile.blocking.BlockingAttemptAdvice;
import dev.turnstile.blocking.BlockingExecuteAdvice;
import dev.turnstile.extension.SupportedLibrary;
import org.junit.jupiter.api.Test;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static org.assertj.core.api.Assertions.assertThat;

class AdviceIndexTest {

    private static FamilyPlan family(String name) {
        return new FamilyPlan(name, SupportedLibrary.of("Lib", "any", "a.b.Client"));
    }

    @Test
    void looksClassesUpByInternalNameAndGathersTheirAdvice() {
        FamilyPlan plan = family("lib");
        plan.type("a.b.Client", "a.b.OtherClient")
                .advice(named("send"), "x.SendAdvice")
                .advice(named("close"), "x.CloseAdvice");
        plan.type("a.b.Client").advice(named("connect"), "x.ConnectAdvice");
        AdviceIndex index = new AdviceIndex();
        index.add(plan);

        assertThat(index.entriesFor("a/b/Client")).extracting(entry -> entry.adviceClass)
                .containsExactly("x.SendAdvice", "x.CloseAdvice", "x.ConnectAdvice");
        assertThat(index.entriesFor("a/b/OtherClient")).extracting(entry -> entry.adviceClass)
                .containsExactly("x.SendAdvice", "x.CloseAdvice");
        assertThat(index.entriesFor("a/b/Client")).extracting(entry -> entry.family).containsOnly(plan);
        assertThat(index.covers("a.b.OtherClient")).isTrue();
    }

    @Test
    void leavesEveryOtherClassAlone() {
        FamilyPlan plan = family("lib");
        plan.type("a.b.Client").advice(named("send"), "x.SendAdvice");
        AdviceIndex index = new AdviceIndex();
        index.add(plan);

        assertThat(index.entriesFor("a/b/Client2")).isEmpty();
        assertThat(index.entriesFor("a.b.Client")).as("a binary name is not an internal name").isEmpty();
        assertThat(index.covers("a.b.Clien")).isFalse();
    }

    @Test
    void twoFamiliesPlanningOneClassEachKeepTheirOwnAdvice() {
        FamilyPlan first = family("first");
        first.type("a.b.Shared").advice(named("send"), "x.FirstAdvice");
        FamilyPlan second = family("second");
        second.type("a.b.Shared").advice(named("send"), "x.SecondAdvice");
        AdviceIndex index = new AdviceIndex();
        index.add(first);
        index.add(second);

        assertThat(index.entriesFor("a/b/Shared")).extracting(entry -> entry.family.name() + ":" + entry.adviceClass)
                .containsExactly("first:x.FirstAdvice", "second:x.SecondAdvice");
    }

    @Test
    void aBlockingClientGetsTheSharedDoorAndNamesItsLibraryForItsPlannedClasses() {
        FamilyPlan plan = family("lib");
        plan.blockingClient("lib.library.Adapter")
                .execute(named("doExecute"), "a.b.InternalClient", "a.b.MinimalClient")
                .attempt(named("execute"), "a.b.RequestExecutor");
        AdviceIndex index = new AdviceIndex();
        index.add(plan);

        assertThat(index.entriesFor("a/b/InternalClient")).extracting(entry -> entry.adviceClass)
                .containsExactly(BlockingExecuteAdvice.class.getName());
        assertThat(index.entriesFor("a/b/RequestExecutor")).extracting(entry -> entry.adviceClass)
                .containsExactly(BlockingAttemptAdvice.class.getName());
        assertThat(plan.blockingClients()).containsOnlyKeys("lib.library.Adapter");
        assertThat(plan.blockingClients().get("lib.library.Adapter"))
                .containsExactly("a.b.InternalClient", "a.b.MinimalClient", "a.b.RequestExecutor");
    }
}
