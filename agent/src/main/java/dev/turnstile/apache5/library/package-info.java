/**
 * The Apache HttpClient 5 side of gating, written against the library's own types: reading
 * requests and responses for the gate, the classic response body and close that end the call,
 * the async callbacks that see each attempt and the end of the exchange, and the start of an async
 * exchange once its slot is granted.
 *
 * <p>The helper loader defines these classes next to the library (one copy per HttpClient class
 * loader), so nothing is added to the application's loader. They may import HttpClient 5 and
 * httpcore5, {@code java.*}, {@code http}, {@code log} and the interfaces of
 * {@code dev.turnstile.apache5}; never Byte Buddy or another client package.
 */
package dev.turnstile.apache5.library;
