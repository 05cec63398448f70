package dev.turnstile.apache4;

import dev.turnstile.http.BlockingClientLibrary;

/**
 * What the hooks need done with Apache HttpClient 4's own types. Implemented in
 * {@code dev.turnstile.apache4.library}, defined next to the library by the helper loader.
 */
public interface Apache4Library extends BlockingClientLibrary {
}
