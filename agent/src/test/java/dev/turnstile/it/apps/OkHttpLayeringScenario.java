package dev.turnstile.it.apps;

import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * OkHttp clients as SDKs and frameworks build them: a client rebuilt with {@code newBuilder()}
 * for every request, a builder reused, and a client layered on another (an interceptor of the
 * outer client sends the request with an inner client). Run by {@link CallerLoop} as the
 * scenario {@code okhttp-layering}.
 */
public final class OkHttpLayeringScenario {

    private OkHttpLayeringScenario() {
    }

    /** Prints the interceptors, then makes two layered calls to {@code url}; returns how many failed. */
    static int run(String url) throws InterruptedException {
        OkHttpClient base = new OkHttpClient.Builder().addInterceptor(chain -> chain.proceed(chain.request())).build();
        OkHttpClient rebuilt = base;
        for (int i = 0; i < 100; i++) {
            rebuilt = rebuilt.newBuilder().build();
        }
        OkHttpClient.Builder reused = new OkHttpClient.Builder();
        reused.build();
        OkHttpClient last = reused.build();
        // Where OkHttp came from (its VERSION constant is inlined at compile time).
        System.out.println("OKHTTP " + OkHttpClient.class.getProtectionDomain().getCodeSource().getLocation());
        System.out.println("INTERCEPTORS base=" + counts(base) + " rebuilt=" + counts(rebuilt) + " reused=" + counts(last));

        OkHttpClient inner = rebuilt;
        OkHttpClient outer = new OkHttpClient.Builder()
                .addInterceptor(chain -> inner.newCall(chain.request()).execute())
                .build();
        AtomicInteger failures = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            int index = i;
            Thread thread = new Thread(() -> {
                Request request = new Request.Builder().url(url)
                        .post(RequestBody.create(MediaType.parse("application/json"), "{}")).build();
                try (Response response = outer.newCall(request).execute()) {
                    response.body().string();
                    System.out.println("LAYERED " + index + " status=" + response.code());
                } catch (Exception e) {
                    failures.incrementAndGet();
                    System.out.println("LAYERED " + index + " ERROR " + CallerMain.describe(e));
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join(30_000);
        }
        return failures.get();
    }

    private static String counts(OkHttpClient client) {
        return client.interceptors().size() + "/" + client.networkInterceptors().size();
    }
}
