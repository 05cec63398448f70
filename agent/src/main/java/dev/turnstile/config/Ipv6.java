package dev.turnstile.config;

import java.util.Locale;

/**
 * IPv6 literals in their RFC 5952 canonical text ({@code ::1}, {@code 2001:db8::1}), so that a pattern
 * and a request host that spell the same address differently still match. Written by hand because
 * {@code InetAddress} turns IPv4-mapped literals into IPv4 addresses and may consult resolvers.
 */
final class Ipv6 {

    private static final int GROUPS = 8;

    private Ipv6() {
    }

    /** The canonical text of an IPv6 literal without brackets, or {@code null} when it is not one. */
    static String canonical(String literal) {
        int[] groups = groups(literal.toLowerCase(Locale.ROOT));
        return groups == null ? null : format(groups);
    }

    private static int[] groups(String text) {
        int lastColon = text.lastIndexOf(':');
        if (lastColon < 0) {
            return null;
        }
        String tail = text.substring(lastColon + 1);
        if (tail.indexOf('.') >= 0) {
            // A trailing dotted IPv4 part (::ffff:10.0.0.1) stands for the last two groups.
            int[] v4 = ipv4(tail);
            if (v4 == null) {
                return null;
            }
            text = text.substring(0, lastColon + 1)
                    + Integer.toHexString(v4[0] << 8 | v4[1]) + ':' + Integer.toHexString(v4[2] << 8 | v4[3]);
        }
        int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        String[] head = split(gap < 0 ? text : text.substring(0, gap));
        String[] rear = gap < 0 ? new String[0] : split(text.substring(gap + 2));
        int count = head.length + rear.length;
        if (gap < 0 ? count != GROUPS : count > GROUPS - 1) {
            return null;
        }
        int[] groups = new int[GROUPS];
        for (int i = 0; i < head.length; i++) {
            groups[i] = hexGroup(head[i]);
        }
        for (int i = 0; i < rear.length; i++) {
            groups[GROUPS - rear.length + i] = hexGroup(rear[i]);
        }
        for (int group : groups) {
            if (group < 0) {
                return null;
            }
        }
        return groups;
    }

    private static String[] split(String part) {
        return part.isEmpty() ? new String[0] : part.split(":", -1);
    }

    private static int hexGroup(String text) {
        if (text.isEmpty() || text.length() > 4) {
            return -1;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return -1;
            }
        }
        return Integer.parseInt(text, 16);
    }

    private static int[] ipv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        int[] bytes = new int[4];
        for (int i = 0; i < 4; i++) {
            String part = parts[i];
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return null;
            }
            bytes[i] = Integer.parseInt(part);
            if (bytes[i] > 255) {
                return null;
            }
        }
        return bytes;
    }

    /** RFC 5952: lower case, no leading zeros, the first longest run of two or more zero groups as "::". */
    private static String format(int[] groups) {
        int runStart = -1;
        int runLength = 1;
        for (int i = 0; i < GROUPS; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int end = i;
            while (end < GROUPS && groups[end] == 0) {
                end++;
            }
            if (end - i > runLength) {
                runStart = i;
                runLength = end - i;
            }
            i = end;
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < GROUPS; i++) {
            if (i == runStart) {
                text.append("::");
                i += runLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }
}
