/**
 * The Apache HttpClient 4 side of gating, written against the library's own types: reading
 * requests and responses for the gate, and the response and entity wrappers that end the call
 * when the body is read to the end, consumed or closed.
 *
 * <p>The helper loader defines these classes next to the library (one copy per HttpClient class
 * loader), so nothing is added to the application's loader. They may import HttpClient 4 and
 * httpcore, {@code java.*}, {@code http}, {@code log} and the interfaces of
 * {@code dev.turnstile.apache4}; never Byte Buddy or another client package.
 */
package dev.turnstile.apache4.library;
