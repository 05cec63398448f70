package dev.turnstile.it.apps;

import net.bytebuddy.ByteBuddy;
import net.bytebuddy.implementation.FixedValue;
import net.bytebuddy.matcher.ElementMatchers;
import org.slf4j.LoggerFactory;

/**
 * An application with Byte Buddy and SLF4J of its own. It reports which Turnstile classes it can
 * see and whether its own libraries still work beside the agent, then makes a few calls.
 */
public final class IsolationApp {

    private IsolationApp() {
    }

    public static void main(String[] args) throws Exception {
        for (String name : new String[] {"dev.turnstile.core.SlotScheduler", "dev.turnstile.agent.TurnstileAgent",
                "dev.turnstile.shaded.bytebuddy.ByteBuddy", "dev.turnstile.shaded.slf4j.LoggerFactory",
                "dev.turnstile.bootstrap.JdkHttpBridge"}) {
            System.out.println("VISIBLE " + name + " " + canLoad(name));
        }
        Class<?> made = new ByteBuddy().subclass(Object.class)
                .method(ElementMatchers.named("toString")).intercept(FixedValue.value("made by the app's Byte Buddy"))
                .make().load(IsolationApp.class.getClassLoader()).getLoaded();
        System.out.println("BYTEBUDDY " + made.getDeclaredConstructor().newInstance());
        LoggerFactory.getLogger(IsolationApp.class).info("the app's own SLF4J works");
        System.out.println("SLF4J " + LoggerFactory.getILoggerFactory().getClass().getName());
        if (args.length > 0) {
            CallerMain.main(args);
        }
        System.out.println("DONE failures=0");
    }

    private static boolean canLoad(String name) {
        try {
            Class.forName(name, false, IsolationApp.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
