package dev.turnstile.console.it.support;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

/**
 * The web console for the {@link Fixture}'s target, in a headless {@link Browser}: opens the page
 * with or without the token, finds the {@code llm} row's cells, waits for polls, sizes the window
 * and keeps screenshots under {@code target/}.
 */
public final class ConsolePage implements AutoCloseable {

    public final Console console;
    public final WebDriver driver;
    private final Browser browser;

    public ConsolePage(Fixture fixture) throws IOException {
        console = new Console(fixture.pid());
        Browser started;
        try {
            started = new Browser();
        } catch (IOException | RuntimeException | Error e) {
            console.close();
            throw e;
        }
        browser = started;
        driver = browser.driver;
    }

    public WebDriverWait waitUpTo(int seconds) {
        return new WebDriverWait(driver, Duration.ofSeconds(seconds));
    }

    /** A fresh tab state each time (the token lives in sessionStorage), then waits for the llm row. */
    public void open(boolean withToken) {
        driver.get("about:blank");
        driver.get(console.url("/") + (withToken ? "#token=" + Console.TOKEN : ""));
        if (!withToken) {
            script("sessionStorage.clear()");
            driver.navigate().refresh();
        }
        waitUpTo(20).until(d -> !d.findElements(By.cssSelector("#providers tr[data-provider='llm']")).isEmpty());
    }

    /** The cell of the {@code llm} row with this class, e.g. {@code limit} or {@code actions}. */
    public WebElement llm(String cell) {
        return driver.findElement(By.cssSelector("#providers tr[data-provider='llm'] td." + cell));
    }

    public WebElement llmLimit() {
        return llm("limit").findElement(By.tagName("input"));
    }

    public WebElement byId(String id) {
        return driver.findElement(By.id(id));
    }

    public String message() {
        return byId("message").getText();
    }

    /** Waits until the page has rendered {@code count} more answers of {@code /api/status}. */
    public void awaitPolls(int count) {
        for (int i = 0; i < count; i++) {
            String before = String.valueOf(script("return document.body.dataset.updated || ''"));
            waitUpTo(10).until(d -> !before.equals(String.valueOf(script("return document.body.dataset.updated || ''"))));
        }
    }

    public Object script(String javascript, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(javascript, arguments);
    }

    /** Sizes the window so that the page's viewport is {@code width} × {@code height} CSS pixels. */
    public void viewport(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
        long innerWidth = ((Number) script("return window.innerWidth")).longValue();
        long innerHeight = ((Number) script("return window.innerHeight")).longValue();
        driver.manage().window().setSize(new Dimension(2 * width - (int) innerWidth, 2 * height - (int) innerHeight));
    }

    /** Saves what the browser shows as {@code target/browser-<name>.png}; returns the file. */
    public Path screenshot(String name) throws IOException {
        Path shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
        Path target = Path.of("target", "browser-" + name + ".png");
        Files.createDirectories(target.getParent());
        Files.copy(shot, target, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }

    @Override
    public void close() throws IOException {
        try {
            browser.close();
        } finally {
            console.close();
        }
    }
}
