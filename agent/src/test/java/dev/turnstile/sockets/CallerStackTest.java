package dev.turnstile.sockets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CallerStackTest {

    @Test
    void aKnownLibraryIsNamedByItsUsualPrefix() {
        assertThat(CallerStack.shorten("io.netty.channel.socket.nio.NioSocketChannel")).isEqualTo("io.netty");
        assertThat(CallerStack.shorten("com.squareup.okhttp.internal.io.RealConnection")).isEqualTo("com.squareup.okhttp");
        assertThat(CallerStack.shorten("org.asynchttpclient.netty.channel.NettyConnectListener")).isEqualTo("org.asynchttpclient");
    }

    @Test
    void otherCodeIsNamedByThreePackageSegmentsAtMost() {
        assertThat(CallerStack.shorten("com.example.app.llm.RawClient")).isEqualTo("com.example.app");
        assertThat(CallerStack.shorten("com.example.RawClient")).isEqualTo("com.example");
        assertThat(CallerStack.shorten("RawClient")).isEqualTo("RawClient");
    }
}
