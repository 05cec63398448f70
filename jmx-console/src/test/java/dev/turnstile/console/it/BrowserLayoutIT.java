package dev.turnstile.console.it;

import dev.turnstile.console.it.support.ConsolePage;
import dev.turnstile.console.it.support.Fixture;
import dev.turnstile.console.it.support.Jmx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The page fits a laptop and a desktop screen: at 1024, 1280 and 1600 CSS pixels nothing runs off
 * to the right, every column and button of the provider table is on screen, and the charts show
 * (with a provider paused after a 429, one paused by an operator, long host lists and an idle
 * provider). Screenshots stay in {@code target/browser-width-<px>.png} for a look.
 */
class BrowserLayoutIT {

    private static final String[] ADD = {String.class.getName(), String.class.getName(), int.class.getName()};

    private static Fixture fixture;
    private static ConsolePage page;

    @BeforeAll
    static void start() throws Exception {
        fixture = Fixture.get();
        fixture.reset();
        page = new ConsolePage(fixture);
        add("azure-openai", "*.openai.azure.com,my-resource.openai.azure.com,backup-resource.openai.azure.com", 4);
        add("anthropic", "api.anthropic.com", 0);
        add("openrouter", "openrouter.ai", 3);
        // Budgets and a breaker on, so their columns show their widest: what is left, the state.
        fixture.jmx.set(Jmx.provider("azure-openai"), "Rpm", 30);
        fixture.jmx.set(Jmx.provider("azure-openai"), "Tpm", 2_000_000L);
        fixture.jmx.set(Jmx.provider("azure-openai"), "BreakerFailures", 3);
        fixture.jmx.invoke(Jmx.provider("openrouter"), "pause", new Object[] {600_000L}, new String[] {long.class.getName()});
        fixture.llm.rateLimitNext(1, 20);
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (page != null) {
                page.close();
            }
        } finally {
            fixture.llm.rateLimitNext(0, 0);
            fixture.reset();
        }
    }

    private static void add(String id, String hosts, int limit) throws Exception {
        fixture.jmx.invoke(Jmx.TURNSTILE, "addProvider", new Object[] {id, hosts, limit}, ADD);
    }

    @Test
    void thePageFitsAt1024And1280And1600WithEveryColumnAndTheChartsInSight() throws Exception {
        page.open(true);
        page.waitUpTo(30).until(d -> page.llm("paused-cell").getText().contains("rate limited; the provider asked to wait 20000 ms"));
        assertThat(fixture.jmx.get(Jmx.provider("llm"), "PauseReason"))
                .isEqualTo("rate limited; the provider asked to wait 20000 ms");
        page.waitUpTo(10).until(d -> chart("llm").findElement(By.className("pause")).getText()
                .matches("paused, [\\d.]+s left: rate limited; the provider asked to wait 20000 ms"));
        assertThat(page.driver.findElement(By.cssSelector("#providers tr[data-provider='openrouter'] td.paused-cell")).getText())
                .contains("paused by an operator");
        assertThat(page.byId("not-charted").getText()).as("an idle unlimited provider gets no chart").contains("anthropic");

        for (int width : new int[] {1024, 1280, 1600}) {
            page.viewport(width, 1100);
            page.awaitPolls(1);
            assertThat(((Number) page.script("return window.innerWidth")).intValue()).isEqualTo(width);
            assertFits(width);
            page.screenshot("width-" + width);
        }
    }

    @Test
    void oneOldSpikeDoesNotFlattenTheChartButTheRecentPeakAndTheLimitAlwaysFit() {
        page.open(true);
        // Five minutes, one sample a second: limit 2, 2 in flight, 3 queued, and once 200 queued.
        String minutes = "const now = Date.now(); const points = [];"
                + "for (let i = 300; i > 0; i--) { points.push([now - i * 1000, 2, i === 200 ? 200 : 3, 2, 0, 0]); }";
        assertThat(((Number) page.script(minutes + "return TurnstileChart.scaleTop(points, now);")).intValue())
                .as("the old spike of 200 is clipped, not the scale").isBetween(4, 8);
        assertThat(((Number) page.script(minutes + "points.push([now, 2, 50, 2, 0, 0]);"
                + "return TurnstileChart.scaleTop(points, now);")).intValue())
                .as("a queue of 50 now is in full view").isGreaterThanOrEqualTo(50);
        assertThat(((Number) page.script(minutes + "points.forEach(p => p[3] = 40);"
                + "return TurnstileChart.scaleTop(points, now);")).intValue())
                .as("the limit line is in view").isGreaterThanOrEqualTo(40);
    }

    private static WebElement chart(String provider) {
        return page.driver.findElement(By.cssSelector("#charts figure[data-provider='" + provider + "']"));
    }

    @SuppressWarnings("unchecked")
    private static void assertFits(int width) {
        String at = "at " + width + " px: ";
        long scrollWidth = ((Number) page.script("return document.documentElement.scrollWidth")).longValue();
        long clientWidth = ((Number) page.script("return document.documentElement.clientWidth")).longValue();
        assertThat(scrollWidth).as(at + "the page is no wider than the window (less its scroll bar): no sideways scrolling")
                .isLessThanOrEqualTo(clientWidth);

        List<Map<String, Object>> boxes = (List<Map<String, Object>>) page.script(
                "return Array.from(document.querySelectorAll('#providers th, #providers td, #providers td.actions button, "
                        + "#providers td.actions input, #providers td.limit input, #providers td.budget input, "
                        + "#providers td.breaker input')).map(e => {"
                        + "const r = e.getBoundingClientRect();"
                        + "return {what: (e.className || e.tagName) + ' ' + e.textContent.trim().slice(0, 30), "
                        + "left: r.left, right: r.right, width: r.width}; })");
        assertThat(boxes).as(at + "header cells, cells, buttons and inputs of the provider table").hasSizeGreaterThan(40)
                .allSatisfy(box -> {
                    assertThat(((Number) box.get("left")).doubleValue()).as(at + box.get("what")).isGreaterThanOrEqualTo(0);
                    assertThat(((Number) box.get("right")).doubleValue()).as(at + box.get("what")).isLessThanOrEqualTo(width);
                    assertThat(((Number) box.get("width")).doubleValue()).as(at + box.get("what")).isGreaterThan(0);
                });
        assertThat(page.driver.findElements(By.cssSelector("#providers td.actions button")))
                .allSatisfy(button -> assertThat(button.isDisplayed()).isTrue());

        WebElement canvas = chart("llm").findElement(By.tagName("canvas"));
        Map<String, Object> chart = (Map<String, Object>) page.script(
                "const c = arguments[0]; const r = c.getBoundingClientRect();"
                        + "const pixels = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                        + "let drawn = 0; for (let i = 3; i < pixels.length; i += 4) { if (pixels[i] > 0) drawn++; }"
                        + "return {left: r.left, right: r.right, width: r.width, height: r.height, drawn: drawn};", canvas);
        assertThat(((Number) chart.get("left")).doubleValue()).as(at + "chart left edge").isGreaterThanOrEqualTo(0);
        assertThat(((Number) chart.get("right")).doubleValue()).as(at + "chart right edge").isLessThanOrEqualTo(width);
        assertThat(((Number) chart.get("width")).doubleValue()).as(at + "chart width").isGreaterThanOrEqualTo(300);
        assertThat(((Number) chart.get("height")).doubleValue()).as(at + "chart height").isGreaterThanOrEqualTo(100);
        assertThat(((Number) chart.get("drawn")).longValue()).as(at + "the chart has lines and labels").isGreaterThan(1000);
        assertThat(chart("llm").findElement(By.className("legend")).getText())
                .contains("in flight", "queued", "limit in force", "429", "paused");
    }
}
