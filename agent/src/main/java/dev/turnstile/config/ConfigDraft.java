package dev.turnstile.config;

/** A configuration being assembled or read key by key: one builder for the whole, one for the backoff part. */
final class ConfigDraft {

    final TurnstileConfig.Builder config;
    final BackoffConfig.Builder backoff;

    /** A draft at the defaults. */
    ConfigDraft() {
        this(TurnstileConfig.defaults());
    }

    ConfigDraft(TurnstileConfig from) {
        config = from.toBuilder();
        backoff = from.backoff().toBuilder();
    }
}
