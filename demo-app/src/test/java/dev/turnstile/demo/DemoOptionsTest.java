package dev.turnstile.demo;

import dev.turnstile.demo.app.Workload;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DemoOptionsTest {

    @Test
    void defaultsMakeTheStandardWorkload() {
        DemoOptions options = DemoOptions.parse();

        assertThat(options.mode).isEqualTo(DemoOptions.Mode.RUN);
        assertThat(options.workload().stacks()).containsExactly("jdk", "okhttp");
        assertThat(options.port).isEqualTo(18089);
    }

    @Test
    void rangesAndListsAreParsed() {
        DemoOptions options = DemoOptions.parse("--compare", "--agents", "3", "--tokens", "5..9", "--clients", "okhttp",
                "--tool-pause", "100");

        Workload workload = options.workload();
        assertThat(options.mode).isEqualTo(DemoOptions.Mode.COMPARE);
        assertThat(workload.agents()).isEqualTo(3);
        assertThat(workload.tokens().min()).isEqualTo(5);
        assertThat(workload.tokens().max()).isEqualTo(9);
        assertThat(workload.toolPauseMillis().max()).isEqualTo(100);
        assertThat(workload.stackOf(2)).isEqualTo("okhttp");
    }

    @Test
    void workloadArgsReproduceTheWorkloadInAChild() {
        DemoOptions parent = DemoOptions.parse("--agents", "5", "--think", "10..20", "--cap", "3", "--seed", "9");

        DemoOptions child = DemoOptions.parse(parent.workloadArgs().toArray(new String[0]));

        assertThat(child.workload().toString()).isEqualTo(parent.workload().toString());
        assertThat(child.cap).isEqualTo(3);
        assertThat(child.seed).isEqualTo(9);
    }

    @Test
    void badInputNamesTheOption() {
        assertThatThrownBy(() -> DemoOptions.parse("--agents", "zero"))
                .hasMessageContaining("--agents").hasMessageContaining("zero");
        assertThatThrownBy(() -> DemoOptions.parse("--clients", "curl")).hasMessageContaining("curl");
        assertThatThrownBy(() -> DemoOptions.parse("--frobnicate", "1")).hasMessageContaining("--frobnicate");
        assertThatThrownBy(() -> DemoOptions.parse("--agents")).hasMessageContaining("--agents");
        assertThat(List.of(DemoOptions.USAGE.split("\n"))).anyMatch(line -> line.contains("--compare"));
    }

    @Test
    void fleetRunsSixAgentsPerReplicaUnlessTold() {
        DemoOptions fleet = DemoOptions.parse("--fleet", "--redis-url", "redis://cache:6379/0", "--replicas", "4");
        DemoOptions told = DemoOptions.parse("--fleet", "--agents", "9", "--redis-server", "/opt/redis/bin/redis-server");

        assertThat(fleet.mode).isEqualTo(DemoOptions.Mode.FLEET);
        assertThat(fleet.agents).isEqualTo(DemoOptions.FLEET_AGENTS);
        assertThat(fleet.replicas).isEqualTo(4);
        assertThat(fleet.redisUrl).isEqualTo("redis://cache:6379/0");
        assertThat(told.agents).isEqualTo(9);
        assertThat(told.replicas).isEqualTo(3);
        assertThat(told.redisServer).isEqualTo("/opt/redis/bin/redis-server");
        assertThat(DemoOptions.parse("--agents", "9", "--fleet").agents).isEqualTo(9);
        assertThat(DemoOptions.parse().agents).isEqualTo(16);
    }

    @Test
    void aReplicaOfTheFleetIsTold() {
        DemoOptions replica = DemoOptions.parse("--child", "--replica", "--await-fleet", "3");

        assertThat(replica.mode).isEqualTo(DemoOptions.Mode.CHILD);
        assertThat(replica.replica).isTrue();
        assertThat(replica.awaitFleet).isEqualTo(3);
        assertThat(DemoOptions.parse("--child").replica).isFalse();
    }
}
