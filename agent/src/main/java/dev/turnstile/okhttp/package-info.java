/**
 * Gates OkHttp 3, 4 and 5 without adding an interceptor to any client: advice around
 * {@code RealCall.getResponseWithInterceptorChain} holds one slot per call, advice after
 * {@code CallServerInterceptor.intercept} reports each attempt's status, and advice on
 * {@code RealCall.execute}, {@code enqueue} and {@code cancel} lets an asynchronous call wait for
 * its slot outside OkHttp's dispatcher. Clients built before a dynamic attach take the same path.
 * This package never touches OkHttp's types: the hooks behind its bootstrap bridge reach them
 * through an interface implemented in {@code okhttp.library}, found by name next to the
 * application's OkHttp.
 *
 * <p>Like every client package it may import {@code java.*}, the {@code http}, {@code log} and
 * extension API packages, its bridge in {@code bootstrap} and Byte Buddy's advice and matchers;
 * never another client package, and never its own {@code .library} package.
 */
package dev.turnstile.okhttp;
