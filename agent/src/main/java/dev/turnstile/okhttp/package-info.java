/**
 * Gates OkHttp 3, 4 and 5: advice on every {@code OkHttpClient.Builder} constructor adds our
 * interceptors, and advice on {@code RealCall.execute}, {@code enqueue} and {@code cancel} lets an
 * asynchronous call wait for its slot outside OkHttp's dispatcher; advice around
 * {@code RealCall.getResponseWithInterceptorChain} gates the calls of clients built before a
 * dynamic attach, which carry no interceptor of ours. This package never touches
 * OkHttp's types: the hooks behind its bootstrap bridge reach them through an interface
 * implemented in {@code okhttp.library}, found by name next to the application's OkHttp.
 *
 * <p>Like every client package it may import {@code java.*}, the {@code http}, {@code log} and
 * extension API packages, its bridge in {@code bootstrap} and Byte Buddy's advice and matchers;
 * never another client package, and never its own {@code .library} package.
 */
package dev.turnstile.okhttp;
