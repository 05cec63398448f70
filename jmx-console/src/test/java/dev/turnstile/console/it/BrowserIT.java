package dev.turnstile.console.it;

import dev.turnstile.console.it.support.Console;
import dev.turnstile.console.it.support.ConsolePage;
import dev.turnstile.console.it.support.Fixture;
import dev.turnstile.console.it.support.Jmx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The web console in real headless Chromium, against a JVM whose calls run through Turnstile. */
class BrowserIT {

    private static Fixture fixture;
    private static ConsolePage page;

    @BeforeAll
    static void start() throws Exception {
        fixture = Fixture.get();
        page = new ConsolePage(fixture);
    }

    @AfterAll
    static void stop() throws Exception {
        if (page != null) {
            page.close();
        }
    }

    @BeforeEach
    void reset() throws Exception {
        fixture.reset();
    }

    @Test
    void thePageLoadsAndItsNumbersChangeWhileCallsRun() throws Exception {
        page.open(true);
        assertThat(page.driver.getTitle()).isEqualTo("Turnstile console");
        page.waitUpTo(10).until(d -> page.byId("connection").getText().equals("live"));
        assertThat(page.driver.getCurrentUrl()).as("the token is taken out of the address bar").doesNotContain("token");
        assertThat(page.byId("target").getText()).isEqualTo(fixture.pid());
        assertThat(page.llmLimit().getAttribute("value")).isEqualTo("2");

        Set<String> completed = new HashSet<>();
        Set<String> inFlight = new HashSet<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while ((completed.size() < 3 || !inFlight.contains("2 / 2")) && System.nanoTime() < deadline) {
            page.awaitPolls(1);
            completed.add(page.llm("completed").getText());
            inFlight.add(page.llm("in-flight").getText());
        }
        assertThat(completed).as("the Done column moves while calls run").hasSizeGreaterThanOrEqualTo(3);
        assertThat(inFlight).as("the in-flight bar shows the limit reached").contains("2 / 2");
        page.waitUpTo(10).until(d -> Integer.parseInt(page.llm("queued").getText()) > 0);
        page.waitUpTo(10).until(d -> !d.findElements(By.cssSelector("#agents tbody tr")).isEmpty());
        assertThat(page.driver.findElement(By.cssSelector("#agents tbody tr td.agent")).getText()).startsWith("caller-");
        assertThat(page.llm("wait").getText()).matches("([\\d.]+(ms|s)|-) / ([\\d.]+(ms|s)|-)");
        page.screenshot("loaded");
    }

    @Test
    void aLimitEditedOnThePageReachesTheJvm() throws Exception {
        page.open(true);
        WebElement limit = page.llmLimit();
        limit.click(); // focus selects the number: what is typed replaces it
        limit.sendKeys("4", Keys.ENTER);
        Fixture.await(() -> fixture.llmLimit() == 4, "Limit = 4 over JMX after the edit on the page", Duration.ofSeconds(10));
        page.waitUpTo(10).until(d -> page.message().contains("llm: limit set to 4"));
        page.waitUpTo(10).until(d -> page.llm("in-flight").getText().equals("4 / 4"));
    }

    @Test
    void anRpmBudgetEditedOnThePageReachesTheJvmAndShowsWhatIsLeft() throws Exception {
        page.open(true);
        assertThat(page.llm("budget").getText()).as("no budget: one muted word").isEqualTo("rpm\ntpm\noff");
        assertThat(page.llm("breaker").getText()).isEqualTo("off");
        WebElement rpm = page.llm("budget").findElement(By.cssSelector(".rpm input"));
        rpm.click(); // focus selects the number: what is typed replaces it
        rpm.sendKeys("600", Keys.ENTER);
        Fixture.await(() -> Integer.valueOf(600).equals(read(Jmx.provider("llm"), "Rpm")), "Rpm = 600 over JMX",
                Duration.ofSeconds(10));
        page.waitUpTo(10).until(d -> page.message().equals("llm: rpm budget 600"));
        page.waitUpTo(10).until(d -> page.llm("budget").findElement(By.cssSelector(".rpm .left")).getText()
                .matches("\\d+ left"));
        assertThat(rpm.getAttribute("value")).isEqualTo("600");
        assertThat(page.llm("budget").getAttribute("class")).doesNotContain("off");

        // A spent budget holds the queue, and the page says so under it.
        fixture.jmx.set(Jmx.provider("llm"), "Rpm", 1);
        page.waitUpTo(10).until(d -> page.llm("budget").findElement(By.cssSelector(".rpm .left")).getText().equals("0 left"));
        page.waitUpTo(10).until(d -> page.llm("budget").findElement(By.className("hold")).getText().contains("rpm 1"));
        assertThat(page.llm("budget").findElement(By.cssSelector(".rpm .left")).getAttribute("class")).contains("spent");

        // Escape cancels an edit of the breaker threshold: nothing is sent.
        WebElement breaker = page.llm("breaker").findElement(By.tagName("input"));
        breaker.click();
        breaker.sendKeys("3");
        breaker.sendKeys(Keys.ESCAPE);
        assertThat(breaker.getAttribute("value")).isEqualTo("0");
        page.awaitPolls(2);
        assertThat(read(Jmx.provider("llm"), "BreakerFailures")).isEqualTo(0);
        breaker.click();
        breaker.sendKeys("3", Keys.ENTER);
        Fixture.await(() -> Integer.valueOf(3).equals(read(Jmx.provider("llm"), "BreakerFailures")),
                "BreakerFailures = 3 over JMX", Duration.ofSeconds(10));
        page.waitUpTo(10).until(d -> page.llm("breaker").getText().startsWith("closed, 0 of 3 failures"));
        page.screenshot("budget-and-breaker");
    }

    // Editing a limit while the page polls the target every second: the polls never write into a
    // field being edited, and a value the console refuses snaps back to the real one.
    @Test
    void typingANewLimitWhilePollsLandYieldsExactlyTheTypedValue() throws Exception {
        page.open(true);
        WebElement limit = page.llmLimit();
        limit.click();
        page.awaitPolls(2);
        limit.sendKeys("1");
        page.awaitPolls(2);
        assertThat(limit.getAttribute("value")).as("the first digit replaced the polled 2").isEqualTo("1");
        limit.sendKeys("3");
        page.awaitPolls(2);
        assertThat(limit.getAttribute("value")).as("polls left the field alone while it was edited").isEqualTo("13");

        limit.sendKeys(Keys.ENTER);

        Fixture.await(() -> fixture.llmLimit() == 13, "Limit = 13 over JMX", Duration.ofSeconds(10));
        page.waitUpTo(10).until(d -> page.message().equals("llm: limit set to 13"));
        page.awaitPolls(2);
        assertThat(limit.getAttribute("value")).isEqualTo("13");
    }

    @Test
    void aRefusedLimitSnapsBackToTheRealOneWithTheReason() throws Exception {
        page.open(true);
        WebElement limit = page.llmLimit();
        limit.click();
        limit.sendKeys("99999999999", Keys.ENTER);

        page.waitUpTo(10).until(d -> page.message().startsWith("refused:"));
        assertThat(page.message()).contains("99999999999").contains("whole number").endsWith("(the limit of llm stays 2)");
        assertThat(limit.getAttribute("value")).as("back to the real limit").isEqualTo("2");
        assertThat(limit.getAttribute("class")).contains("refused");
        page.screenshot("refused-limit");
        assertThat(fixture.llmLimit()).isEqualTo(2);

        // Still in the field, the next digit replaces the snapped-back value; Escape cancels, nothing is sent.
        limit.sendKeys("5");
        assertThat(limit.getAttribute("value")).isEqualTo("5");
        limit.sendKeys(Keys.ESCAPE);
        assertThat(limit.getAttribute("value")).isEqualTo("2");
        page.awaitPolls(2);
        assertThat(fixture.llmLimit()).isEqualTo(2);
    }

    @Test
    void theGlobalLimitAndThePauseButtonsReachTheJvm() throws Exception {
        page.open(true);
        WebElement global = page.byId("global-limit");
        global.click();
        global.sendKeys("3");
        page.byId("global-set").click();
        Fixture.await(() -> Integer.valueOf(3).equals(read(Jmx.TURNSTILE, "GlobalLimit")), "GlobalLimit = 3 over JMX",
                Duration.ofSeconds(10));

        page.llm("actions").findElement(By.cssSelector("button.pause")).click();
        Fixture.await(() -> Boolean.TRUE.equals(read(Jmx.provider("llm"), "Paused")), "Paused over JMX", Duration.ofSeconds(10));
        page.waitUpTo(10).until(d -> page.llm("paused-cell").getText().matches("(?s)paused, \\d+\\.\\ds left\\s+paused by an operator"));
        page.llm("actions").findElement(By.cssSelector("button.resume")).click();
        Fixture.await(() -> Boolean.FALSE.equals(read(Jmx.provider("llm"), "Paused")), "resumed over JMX", Duration.ofSeconds(10));
        page.waitUpTo(10).until(d -> page.llm("paused-cell").getText().equals("no"));
    }

    @Test
    void withoutTheTokenTheControlsAreReadOnlyAndSayHowToGetWriteAccess() throws Exception {
        page.open(false);
        page.awaitPolls(1);
        assertThat(page.byId("read-only").isDisplayed()).isTrue();
        assertThat(page.byId("read-only").getText()).contains("Read only").contains("#token=").contains("turnstile-console serve");
        List<WebElement> controls = controls();
        assertThat(controls).as("limit, duration, pause, resume, remove, global limit and add-provider controls")
                .hasSizeGreaterThanOrEqualTo(10)
                .allSatisfy(control -> assertThat(control.isEnabled()).as(describe(control)).isFalse());
        assertThat(page.byId("token-input").isEnabled()).isTrue();
        page.screenshot("read-only");

        // A wrong token enables the controls until the console refuses it; then the page is read-only again.
        page.byId("token-input").sendKeys("not-the-token", Keys.ENTER);
        page.waitUpTo(10).until(d -> page.llmLimit().isEnabled());
        assertThat(page.byId("read-only").isDisplayed()).isFalse();
        page.llmLimit().click();
        page.llmLimit().sendKeys("7", Keys.ENTER);
        page.waitUpTo(10).until(d -> page.message().startsWith("refused:"));
        assertThat(page.message()).contains("token");
        page.waitUpTo(10).until(d -> !page.llmLimit().isEnabled());
        assertThat(page.byId("read-only").isDisplayed()).isTrue();
        assertThat(page.llmLimit().getAttribute("value")).as("the refused value snaps back").isEqualTo("2");
        assertThat(fixture.llmLimit()).isEqualTo(2);

        // The right token makes it writable.
        page.byId("token-input").sendKeys(Console.TOKEN, Keys.ENTER);
        page.waitUpTo(10).until(d -> controls().stream().allMatch(WebElement::isEnabled));
        assertThat(page.byId("read-only").isDisplayed()).isFalse();
    }

    private static List<WebElement> controls() {
        return page.driver.findElements(By.cssSelector("main input, main button, #global-form input, #global-form button"));
    }

    private static String describe(WebElement control) {
        return control.getTagName() + " " + control.getAttribute("aria-label") + control.getText();
    }


    private static Object read(javax.management.ObjectName name, String attribute) {
        try {
            return fixture.jmx.get(name, attribute);
        } catch (Exception e) {
            return null;
        }
    }
}
