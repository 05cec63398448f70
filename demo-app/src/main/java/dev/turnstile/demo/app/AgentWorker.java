package dev.turnstile.demo.app;

import dev.turnstile.demo.client.ChatAnswer;
import dev.turnstile.demo.client.ChatClient;

import java.io.IOException;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One agent: a thread that works through its turns. A turn is a chain of LLM calls with a tool
 * pause between them; a 429 is retried after the provider's {@code Retry-After}, as SDKs do.
 */
final class AgentWorker implements Runnable {

    private static final long DEFAULT_RETRY_MILLIS = 1000;
    private static final long ERROR_RETRY_MILLIS = 500;

    private final int id;
    private final ChatClient client;
    private final Workload workload;
    private final long startNanos;
    private final LiveCounters counters;
    private final Consumer<TurnRecord> sink;
    private final Random random;

    AgentWorker(int id, ChatClient client, Workload workload, long startNanos, LiveCounters counters,
                Consumer<TurnRecord> sink) {
        this.id = id;
        this.client = client;
        this.workload = workload;
        this.startNanos = startNanos;
        this.counters = counters;
        this.sink = sink;
        this.random = new Random(workload.seed() * 31 + id);
    }

    @Override
    public void run() {
        try {
            long taskAt = startNanos + TimeUnit.MILLISECONDS.toNanos(id * workload.staggerMillis());
            for (int turn = 0; turn < workload.turns(); turn++) {
                sleepUntil(taskAt);
                TurnRecord record = runTurn(turn, taskAt);
                sink.accept(record);
                taskAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(workload.thinkMillis().draw(random));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private TurnRecord runTurn(int turn, long taskAt) throws InterruptedException {
        Tally tally = new Tally();
        boolean failed = false;
        for (int call = 0; call < workload.callsPerTurn() && !failed; call++) {
            if (call > 0) {
                Thread.sleep(workload.toolPauseMillis().draw(random));
            }
            int tokens = (int) workload.tokens().draw(random);
            String prompt = "agent " + id + ", turn " + turn + ", step " + call + ": what next?";
            if (call(prompt, tokens, tally)) {
                tally.answered++;
            } else {
                failed = true;
            }
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - taskAt);
        counters.turnEnded(!failed);
        return new TurnRecord(id, client.stack(), turn, millis, tally.answered, tally.rateLimited, tally.errors,
                !failed);
    }

    /** One LLM call, tried again after a 429 or an error; {@code true} once it has been answered. */
    private boolean call(String prompt, int tokens, Tally tally) throws InterruptedException {
        for (int attempt = 0; attempt <= workload.maxRetries(); attempt++) {
            ChatAnswer answer = attempt(prompt, tokens);
            if (answer != null && answer.ok()) {
                return true;
            }
            long waitMillis;
            if (answer != null && answer.rateLimited()) {
                tally.rateLimited++;
                counters.rateLimited();
                waitMillis = answer.retryAfterMillis() >= 0 ? answer.retryAfterMillis() : DEFAULT_RETRY_MILLIS;
            } else {
                tally.errors++;
                counters.error();
                waitMillis = ERROR_RETRY_MILLIS;
            }
            if (attempt < workload.maxRetries()) {
                backOff(waitMillis + random.nextInt(250));
            }
        }
        return false;
    }

    /** The answer, or {@code null} when the call failed with an exception. */
    private ChatAnswer attempt(String prompt, int tokens) throws InterruptedException {
        ChatAnswer answer = null;
        counters.callStarted();
        try {
            answer = client.complete(prompt, tokens);
            return answer;
        } catch (IOException e) {
            return null;
        } finally {
            counters.callEnded(answer != null && answer.ok());
        }
    }

    private void backOff(long millis) throws InterruptedException {
        counters.backOffStarted();
        try {
            Thread.sleep(millis);
        } finally {
            counters.backOffEnded();
        }
    }

    private static void sleepUntil(long nanos) throws InterruptedException {
        long left = nanos - System.nanoTime();
        if (left > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }

    /** What one turn cost. */
    private static final class Tally {
        int answered;
        int rateLimited;
        int errors;
    }
}
