package dev.turnstile.jetty.library;

import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.client.transport.HttpResponse;
import org.junit.jupiter.api.Test;

import java.io.EOFException;
import java.io.IOException;
import java.nio.channels.AsynchronousCloseException;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which failed conversations are the application's early close, a completion as on every client:
 * only a body closed after the response head (Jetty fails the rest with an
 * {@link AsynchronousCloseException}); a closed connection, a timeout or a close before any head
 * stay failures.
 */
class ReleasingListenerTest {

    private final Request request = new HttpClient().newRequest("http://llm.example/v1/chat");

    private Result failed(int status, Throwable failure) {
        HttpResponse response = new HttpResponse(request);
        if (status > 0) {
            response.status(status);
        }
        return new Result(request, null, response, failure);
    }

    @Test
    void aBodyClosedAfterTheHeadIsTheApplicationsClose() {
        assertThat(ReleasingListener.closedByTheApplication(failed(200, new AsynchronousCloseException()))).isTrue();
        assertThat(ReleasingListener.closedByTheApplication(failed(200, new IOException(new AsynchronousCloseException()))))
                .as("wrapped").isTrue();
    }

    @Test
    void aConnectionClosedOrATimeoutIsAFailure() {
        assertThat(ReleasingListener.closedByTheApplication(failed(200, new EOFException("closed")))).isFalse();
        assertThat(ReleasingListener.closedByTheApplication(failed(200, new TimeoutException("idle")))).isFalse();
    }

    @Test
    void aCloseBeforeAnyHeadIsAFailure() {
        assertThat(ReleasingListener.closedByTheApplication(failed(0, new AsynchronousCloseException()))).isFalse();
    }
}
