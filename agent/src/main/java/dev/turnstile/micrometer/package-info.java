/**
 * Shows Turnstile's numbers as Micrometer meters (Spring Boot Actuator's {@code /actuator/metrics}
 * and {@code /actuator/prometheus}) when the application has Micrometer: nothing is loaded when it
 * has not. Advice on {@code CompositeMeterRegistry.add} tells the agent that a registry joined a
 * composite; when that composite is Micrometer's global registry ({@code Metrics.globalRegistry}),
 * the binder in {@code micrometer.library}, defined next to the application's Micrometer, registers
 * the meters there once, and the composite hands them to every registry it holds or is given later.
 *
 * <p>Planned like a client family (a {@code ClientInstrumentation} in the service file) because it
 * needs the same parts: advice on a library's class, a bootstrap bridge, a helper next to the
 * library and a check of the library's shape. This package never touches Micrometer's types, and
 * the binder reads every value from Turnstile's MBeans, by name, on the platform MBeanServer.
 */
package dev.turnstile.micrometer;
