package dev.turnstile.extension;

import dev.turnstile.log.FailOpen;

/**
 * A family's helper as seen from one of the library's classes: an instance of a class in the
 * family's {@code .library} package, defined next to that class's loader by the
 * {@link HelperLoader}. Computed once per class, so a hook pays one {@link ClassValue} look-up
 * per call. A helper that cannot be made is reported once and comes back null: the hook then
 * lets the call through ungated.
 *
 * @param <T> the helper's interface, in the family's own package
 */
public final class LibraryHelper<T> {

    private final ClassValue<T> helpers;

    /**
     * @param type        the interface the helper implements
     * @param helperClass the implementation, by binary name, in a {@code .library} package
     * @param where       names the place in a report, e.g. {@code okhttp helpers}
     */
    public LibraryHelper(Class<T> type, String helperClass, String where) {
        this.helpers = new ClassValue<T>() {
            @Override
            protected T computeValue(Class<?> seen) {
                try {
                    return type.cast(HelperLoader.newInstance(seen.getClassLoader(), helperClass));
                } catch (Throwable t) {
                    FailOpen.report(where, t);
                    return null;
                }
            }
        };
    }

    /** The helper for the library that {@code seen} belongs to, or null when it could not be made. */
    public T of(Class<?> seen) {
        return helpers.get(seen);
    }
}
