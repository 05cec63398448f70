package dev.turnstile.demo;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FleetTest {

    @Test
    void aRedisUrlIsShownWithoutItsPassword() {
        assertThat(Fleet.withoutPassword("redis://svc:s3cret@cache:6379/0")).isEqualTo("redis://svc:***@cache:6379/0");
        assertThat(Fleet.withoutPassword("rediss://:s3cret@cache:6380")).isEqualTo("rediss://:***@cache:6380");
        assertThat(Fleet.withoutPassword("redis://cache:6379/0")).isEqualTo("redis://cache:6379/0");
        assertThat(Fleet.withoutPassword("redis://svc@cache")).isEqualTo("redis://svc@cache");
    }
}
