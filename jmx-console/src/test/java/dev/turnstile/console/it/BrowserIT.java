package dev.turnstile.console.it;

import dev.turnstile.console.it.support.Browser;
import dev.turnstile.console.it.support.Console;
import dev.turnstile.console.it.support.Fixture;
import dev.turnstile.console.it.support.Jmx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The web console in real headless Chromium, against a JVM whose calls run through Turnstile. */
class BrowserIT {

    private static Fixture fixture;
    private static Console console;
    private static Browser browser;
    private static WebDriver page;

    @BeforeAll
    static void start() throws Exception {
        fixture = Fixture.get();
        console = new Console(fixture.pid());
        browser = new Browser();
        page = browser.driver;
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            if (console != null) {
                console.close();
            }
        }
    }

    @BeforeEach
    void reset() throws Exception {
        fixture.reset();
    }

    private static WebDriverWait waitUpTo(int seconds) {
        return new WebDriverWait(page, Duration.ofSeconds(seconds));
    }

    private static void open(boolean withToken) {
        page.get("about:blank");
        page.get(console.url("/") + (withToken ? "#token=" + Console.TOKEN : ""));
        // A fresh tab state each time: the token lives in sessionStorage.
        if (!withToken) {
            ((org.openqa.selenium.JavascriptExecutor) page).executeScript("sessionStorage.clear()");
            page.navigate().refresh();
        }
        waitUpTo(20).until(d -> !d.findElements(By.cssSelector("#providers tr[data-provider='llm']")).isEmpty());
    }

    private static WebElement llm(String cell) {
        return page.findElement(By.cssSelector("#providers tr[data-provider='llm'] td." + cell));
    }

    @Test
    void thePageLoadsAndItsNumbersChangeWhileCallsRun() throws Exception {
        open(true);
        assertThat(page.getTitle()).isEqualTo("Turnstile console");
        waitUpTo(10).until(d -> d.findElement(By.id("connection")).getText().equals("live"));
        assertThat(page.getCurrentUrl()).as("the token is taken out of the address bar").doesNotContain("token");
        assertThat(page.findElement(By.id("target")).getText()).isEqualTo(fixture.pid());
        assertThat(llm("limit").findElement(By.tagName("input")).getAttribute("value")).isEqualTo("2");

        Set<String> completed = new HashSet<>();
        Set<String> inFlight = new HashSet<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while ((completed.size() < 3 || !inFlight.contains("2 / 2")) && System.nanoTime() < deadline) {
            completed.add(llm("completed").getText());
            inFlight.add(llm("in-flight").getText());
            Thread.sleep(300);
        }
        assertThat(completed).as("the Done column moves while calls run").hasSizeGreaterThanOrEqualTo(3);
        assertThat(inFlight).as("the in-flight bar shows the limit reached").contains("2 / 2");
        waitUpTo(10).until(d -> Integer.parseInt(llm("queued").getText()) > 0);
        waitUpTo(10).until(d -> !d.findElements(By.cssSelector("#agents tbody tr")).isEmpty());
        assertThat(page.findElement(By.cssSelector("#agents tbody tr td.agent")).getText()).startsWith("caller-");
        assertThat(llm("wait-p50").getText()).matches("[\\d.]+(ms|s)|-");
        screenshot("loaded");
    }

    @Test
    void aLimitEditedOnThePageReachesTheJvm() throws Exception {
        open(true);
        WebElement limit = llm("limit").findElement(By.tagName("input"));
        limit.clear();
        limit.sendKeys("4", Keys.ENTER);
        Fixture.await(() -> {
            try {
                return fixture.jmx.limit("llm") == 4;
            } catch (Exception e) {
                return false;
            }
        }, "Limit = 4 over JMX after the edit on the page", Duration.ofSeconds(10));
        waitUpTo(10).until(d -> d.findElement(By.id("message")).getText().contains("llm: limit set to 4"));
        waitUpTo(10).until(d -> llm("in-flight").getText().equals("4 / 4"));
    }

    @Test
    void theGlobalLimitAndThePauseButtonsReachTheJvm() throws Exception {
        open(true);
        WebElement global = page.findElement(By.id("global-limit"));
        global.clear();
        global.sendKeys("3");
        page.findElement(By.id("global-set")).click();
        Fixture.await(() -> {
            try {
                return Integer.valueOf(3).equals(fixture.jmx.get(Jmx.TURNSTILE, "GlobalLimit"));
            } catch (Exception e) {
                return false;
            }
        }, "GlobalLimit = 3 over JMX", Duration.ofSeconds(10));

        llm("actions").findElement(By.cssSelector("button.pause")).click();
        Fixture.await(() -> {
            try {
                return Boolean.TRUE.equals(fixture.jmx.get(Jmx.provider("llm"), "Paused"));
            } catch (Exception e) {
                return false;
            }
        }, "Paused over JMX", Duration.ofSeconds(10));
        waitUpTo(10).until(d -> llm("paused-cell").getText().matches("paused, \\d+\\.\\ds left"));
        llm("actions").findElement(By.cssSelector("button.resume")).click();
        Fixture.await(() -> {
            try {
                return Boolean.FALSE.equals(fixture.jmx.get(Jmx.provider("llm"), "Paused"));
            } catch (Exception e) {
                return false;
            }
        }, "resumed over JMX", Duration.ofSeconds(10));
    }

    @Test
    void aChangeWithoutTheTokenIsRefused() throws Exception {
        open(false);
        assertThat(page.findElement(By.id("token-form")).isDisplayed()).isTrue();
        WebElement limit = llm("limit").findElement(By.tagName("input"));
        limit.clear();
        limit.sendKeys("7", Keys.ENTER);
        waitUpTo(10).until(d -> d.findElement(By.id("message")).getText().startsWith("refused:"));
        assertThat(page.findElement(By.id("message")).getText()).contains("token");
        Thread.sleep(1500); // let any stray write land before checking
        assertThat(fixture.jmx.limit("llm")).isEqualTo(2);
        waitUpTo(10).until(d -> limit.getAttribute("value").equals("2"));
        screenshot("refused");
    }

    private static void screenshot(String name) throws Exception {
        Path shot = ((org.openqa.selenium.TakesScreenshot) page).getScreenshotAs(OutputType.FILE).toPath();
        Path target = Path.of("target", "browser-" + name + ".png");
        Files.createDirectories(target.getParent());
        Files.copy(shot, target, StandardCopyOption.REPLACE_EXISTING);
    }
}
