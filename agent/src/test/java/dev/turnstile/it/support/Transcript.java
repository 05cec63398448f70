package dev.turnstile.it.support;

import java.util.List;

/** What a test application printed: its lines on standard output and standard error. */
public interface Transcript {

    List<String> stdout();

    List<String> stderr();

    /** Everything, with what was run, for assertion messages. */
    String transcript();
}
