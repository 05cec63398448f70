package dev.turnstile.demo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class LocalRedisTest {

    @Test
    void aGivenPathMustBeAnExecutableFile(@TempDir Path dir) throws Exception {
        Path plain = Files.createFile(dir.resolve("redis-server"));

        assertThat(LocalRedis.find(dir.resolve("missing").toString(), "/usr/bin")).isEmpty();
        assertThat(LocalRedis.find(plain.toString(), "/usr/bin")).as("not executable").isEmpty();
        assertThat(LocalRedis.find(dir.toString(), "/usr/bin")).as("a directory").isEmpty();
        assertThat(plain.toFile().setExecutable(true)).isTrue();
        assertThat(LocalRedis.find(plain.toString(), "")).contains(plain);
    }

    @Test
    void itAnswersOnItsPortAndIsGoneAfterClose() throws Exception {
        Path binary = LocalRedis.find(null, System.getenv("PATH")).orElseThrow(() -> new AssertionError(
                "redis-server is not installed: run ./test.sh (it installs it) or `sudo apt-get install -y redis-server`"));
        LocalRedis redis = LocalRedis.start(binary);
        ProcessHandle process = ProcessHandle.of(redis.pid()).orElseThrow();
        int port = Integer.parseInt(redis.url().substring(redis.url().lastIndexOf(':') + 1));

        assertThat(redis.url()).startsWith("redis://127.0.0.1:");
        assertThat(ping(port)).isEqualTo("+PONG");

        redis.close();
        assertThat(process.onExit().get(10, TimeUnit.SECONDS).isAlive()).isFalse();
    }

    private static String ping(int port) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
        }
    }
}
