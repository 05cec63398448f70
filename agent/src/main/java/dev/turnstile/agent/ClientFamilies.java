package dev.turnstile.agent;

import dev.turnstile.extension.ClientInstrumentation;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Consumer;

/**
 * The client families, found without naming them: each is listed in the agent jar's
 * {@code META-INF/services/dev.turnstile.extension.ClientInstrumentation} (served by the agent's
 * hidden class loader from {@code inst/}), and the order there is the order of the start line.
 */
final class ClientFamilies {

    private ClientFamilies() {
    }

    /** Every listed family, in order; one that cannot be made is reported and left out. */
    static List<ClientInstrumentation> load(ClassLoader agentLoader, Consumer<String> problems) {
        List<ClientInstrumentation> families = new ArrayList<>();
        Iterator<ClientInstrumentation> listed = ServiceLoader.load(ClientInstrumentation.class, agentLoader).iterator();
        while (true) {
            try {
                if (!listed.hasNext()) {
                    return families;
                }
            } catch (ServiceConfigurationError unreadable) {
                problems.accept(unreadable.getMessage()); // the list itself: nothing more to find
                return families;
            }
            try {
                families.add(listed.next());
            } catch (ServiceConfigurationError broken) {
                problems.accept(broken.getMessage()); // this family only: the next ones still load
            }
        }
    }
}
