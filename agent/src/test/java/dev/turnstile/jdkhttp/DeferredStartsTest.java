package dev.turnstile.jdkhttp;

import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class DeferredStartsTest {

    @Test
    void aQueuedCallStartsOnTheClientsOwnExecutorWhenItHasOne() {
        Executor own = Runnable::run;
        HttpClient client = HttpClient.newBuilder().executor(own).build();

        assertThat(DeferredStarts.of(client)).isSameAs(own);
    }

    @Test
    void elseOnADaemonThreadOfOursNeverTheGrantingOne() throws Exception {
        Executor starts = DeferredStarts.of(HttpClient.newHttpClient());
        CompletableFuture<Thread> ranOn = new CompletableFuture<>();

        starts.execute(() -> ranOn.complete(Thread.currentThread()));

        Thread thread = ranOn.get(10, TimeUnit.SECONDS);
        assertThat(thread).isNotSameAs(Thread.currentThread());
        assertThat(thread.isDaemon()).isTrue();
        assertThat(thread.getName()).startsWith("turnstile-jdk-start-");
        assertThat(thread.getContextClassLoader()).isNull();
    }
}
