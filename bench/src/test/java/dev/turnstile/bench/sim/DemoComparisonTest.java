package dev.turnstile.bench.sim;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class DemoComparisonTest {

    @TempDir
    Path dir;

    @Test
    void readsTheThreeColumnsOfACompareTable() throws IOException {
        Path output = Files.writeString(dir.resolve("compare.txt"), String.join("\n",
                "Turnstile demo, --compare: 16 agents × 1 turn × 5 streamed calls",
                "",
                "                          no agent        Turnstile       Turnstile FIFO",
                "mean turn time            16.4 s          11.8 s          15.3 s",
                "p95 turn time             21.1 s          17.9 s          16.5 s",
                "worst turn                21.1 s          17.9 s          16.5 s",
                "429s received             148             0               2",
                ""));

        DemoComparison demo = DemoComparison.read(output).orElseThrow();

        assertThat(demo.noAgent()).isEqualTo(new DemoComparison.Column(16.4, 21.1, 148));
        assertThat(demo.turnstile()).isEqualTo(new DemoComparison.Column(11.8, 17.9, 0));
        assertThat(demo.fifo()).isEqualTo(new DemoComparison.Column(15.3, 16.5, 2));
    }

    @Test
    void anOutputWithoutTheTableGivesNothing() throws IOException {
        Path output = Files.writeString(dir.resolve("failed.txt"), "agent jar not found: x.jar\n");

        assertThat(DemoComparison.read(output)).isEmpty();
        assertThat(DemoComparison.read(dir.resolve("missing.txt"))).isEmpty();
    }
}
