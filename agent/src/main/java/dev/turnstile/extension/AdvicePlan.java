package dev.turnstile.extension;

import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * What a family changes: classes by exact name, and the advice for their methods. Names only: a
 * class being loaded is looked up by name, never parsed, unless it is one of these. Every planned
 * class that is present must have every method its advice is planned for, or the family is left
 * out of that class loader (see {@link SupportedLibrary}).
 */
public interface AdvicePlan {

    /** Classes, by binary name ({@code a.b.C$D}), that get the advice added next. */
    Types type(String... binaryNames);

    /**
     * Puts the shared blocking door on a client that runs a whole call on its caller's thread,
     * whose {@code libraryClass} (in the family's {@code .library} package, implementing
     * {@link BlockingClientLibrary}) reads the library's own types.
     */
    BlockingClient blockingClient(String libraryClass);

    /** The advice for one group of classes. */
    interface Types {

        /** Inlines {@code adviceClass} into every method of these classes that {@code methods} selects. */
        Types advice(ElementMatcher<? super MethodDescription> methods, String adviceClass);
    }

    /**
     * Where a blocking client's call happens. The shared door finds the family's library from
     * the object the advice sees ({@code this}), by the planned class it is or extends.
     */
    interface BlockingClient {

        /**
         * The method every call runs through, once per call on the caller's thread: {@code this}
         * is the client, argument 0 the target (or null), argument 1 the request, and it returns
         * the response. The caller waits for its slot as it begins; a nested call (a client
         * delegating to another) holds no second slot.
         */
        BlockingClient execute(ElementMatcher<? super MethodDescription> methods, String... binaryNames);

        /**
         * The method each attempt runs through, below the client's own retries, on the same
         * thread: it returns that attempt's response, whose status and headers reach the call.
         */
        BlockingClient attempt(ElementMatcher<? super MethodDescription> methods, String... binaryNames);
    }
}
