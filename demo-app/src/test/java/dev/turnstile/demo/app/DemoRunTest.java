package dev.turnstile.demo.app;

import dev.turnstile.demo.mock.MockProvider;
import dev.turnstile.demo.mock.Pace;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DemoRunTest {

    @Test
    void everyAgentFinishesEveryTurnOnBothStacks() throws Exception {
        Workload workload = new Workload(4, 2, 3, new Range(2, 5), Range.of(0), Range.of(0), 0, 0,
                List.of("jdk", "okhttp"), 7);
        try (MockProvider provider = MockProvider.start(new InetSocketAddress("127.0.0.1", 0), 8,
                new Pace(Duration.ZERO, Duration.ZERO), Duration.ofSeconds(1), duration -> { })) {
            List<Progress> seen = new ArrayList<>();

            List<TurnRecord> records = new DemoRun(workload, provider.baseUrl(), "test", provider.cap()::serving)
                    .run(Duration.ofMillis(50), seen::add, Duration.ofSeconds(30));

            assertThat(records).hasSize(8).allSatisfy(record -> {
                assertThat(record.ok()).isTrue();
                assertThat(record.calls()).isEqualTo(3);
                assertThat(record.rateLimited()).isZero();
            });
            assertThat(records).extracting(TurnRecord::stack).containsOnly("jdk-httpclient", "okhttp");
            assertThat(provider.cap().served()).isEqualTo(24);
            assertThat(seen).last().satisfies(last -> {
                assertThat(last.turnsDone()).isEqualTo(8);
                assertThat(last.open()).isZero();
            });
        }
    }
}
