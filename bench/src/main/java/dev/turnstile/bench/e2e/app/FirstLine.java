package dev.turnstile.bench.e2e.app;

/** The smallest application: the startup benchmark times how long its first line takes to appear. */
public final class FirstLine {

    private FirstLine() {
    }

    public static void main(String[] args) {
        System.out.println("started");
    }
}
