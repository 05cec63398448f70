package dev.turnstile.micrometer.library;

import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Reads the numbers of one Turnstile MBean, by attribute name, as a meter wants them: a double,
 * {@code 1}/{@code 0} for a boolean, and NaN when the MBean or attribute is gone (a provider being
 * removed), which Micrometer shows as no value rather than a wrong one.
 */
final class AttributeReader {

    private final MBeanServer server;
    private final ObjectName bean;

    AttributeReader(MBeanServer server, ObjectName bean) {
        this.server = server;
        this.bean = bean;
    }

    double read(String attribute) {
        try {
            Object value = server.getAttribute(bean, attribute);
            if (value instanceof Number) {
                return ((Number) value).doubleValue();
            }
            if (value instanceof Boolean) {
                return ((Boolean) value) ? 1 : 0;
            }
            return Double.NaN;
        } catch (Exception | LinkageError gone) {
            return Double.NaN;
        }
    }
}
