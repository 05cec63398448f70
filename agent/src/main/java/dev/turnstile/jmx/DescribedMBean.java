package dev.turnstile.jmx;

import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanNotificationInfo;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanParameterInfo;
import javax.management.NotificationEmitter;
import javax.management.StandardEmitterMBean;

/**
 * An MXBean (open types only, so JConsole, VisualVM, Jolokia and exporters need none of our
 * classes) that carries descriptions and real parameter names, and sends notifications.
 */
final class DescribedMBean<T> extends StandardEmitterMBean {

    private final String description;
    private final MBeanNotificationInfo[] notifications;

    DescribedMBean(T implementation, Class<T> type, NotificationEmitter emitter, String description,
                   MBeanNotificationInfo[] notifications) {
        super(implementation, type, true, emitter);
        this.description = description;
        this.notifications = notifications;
    }

    @Override
    protected String getDescription(MBeanInfo info) {
        return description;
    }

    @Override
    protected String getDescription(MBeanAttributeInfo info) {
        return Descriptions.of(info.getName());
    }

    @Override
    protected String getDescription(MBeanOperationInfo info) {
        return Descriptions.of(info.getName());
    }

    @Override
    protected String getParameterName(MBeanOperationInfo op, MBeanParameterInfo param, int sequence) {
        String[] parameter = Descriptions.parameter(op.getName(), sequence);
        return parameter == null ? super.getParameterName(op, param, sequence) : parameter[0];
    }

    @Override
    protected String getDescription(MBeanOperationInfo op, MBeanParameterInfo param, int sequence) {
        String[] parameter = Descriptions.parameter(op.getName(), sequence);
        return parameter == null ? super.getDescription(op, param, sequence) : parameter[1];
    }

    @Override
    public MBeanNotificationInfo[] getNotificationInfo() {
        return notifications.clone();
    }
}
