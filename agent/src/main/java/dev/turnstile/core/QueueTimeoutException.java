package dev.turnstile.core;

import java.util.concurrent.TimeoutException;

/**
 * A call waited longer than its provider's queue timeout. The message names the provider, the
 * time waited, the limit and the queue, so that the log line alone explains the failure.
 */
public final class QueueTimeoutException extends TimeoutException {

    private static final long serialVersionUID = 1L;

    QueueTimeoutException(String message) {
        super(message);
    }
}
