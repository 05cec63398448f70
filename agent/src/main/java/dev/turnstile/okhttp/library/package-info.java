/**
 * The OkHttp side of gating, written against OkHttp's own types: the passage that holds one
 * slot per call around its interceptor chain, the report of every attempt's status, the
 * response body and source that release the slot at the end of the body, and the enqueue of a
 * call once its slot is granted, so OkHttp's dispatcher never waits.
 *
 * <p>The helper loader defines these classes next to the library (one copy per OkHttp class
 * loader), so nothing is added to the application's loader. They may import OkHttp, Okio,
 * {@code java.*}, {@code http}, {@code log} and the interfaces of {@code dev.turnstile.okhttp};
 * never Byte Buddy or another client package.
 */
package dev.turnstile.okhttp.library;
