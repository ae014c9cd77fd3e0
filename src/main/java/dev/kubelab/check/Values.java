package dev.kubelab.check;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Comparison rules shared by checks and prediction grading. */
public final class Values {

    private Values() {
    }

    /** A value as a set of normalised strings: lists element-wise, text split at commas and spaces. */
    public static Set<String> asSet(Object value) {
        Collection<?> items;
        if (value instanceof Collection<?> c) {
            items = c;
        } else if (value == null) {
            items = List.of();
        } else {
            String s = String.valueOf(value).trim();
            items = s.isEmpty() ? List.of() : List.of(s.split("[,\\s]+"));
        }
        return items.stream().map(o -> normalise(String.valueOf(o))).collect(Collectors.toCollection(TreeSet::new));
    }

    /** Lower case, no trailing dot, canonical IP form, numbers without leading zeros. */
    /** An IPv4 address, or an IPv6 one with or without brackets ({@code ::1}, {@code [::1]}). */
    public static boolean isIpLiteral(String s) {
        String t = s.trim();
        if (t.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            return true;
        }
        String v6 = t.startsWith("[") && t.endsWith("]") ? t.substring(1, t.length() - 1) : t;
        if (!v6.contains(":") || !v6.toLowerCase(Locale.ROOT).matches("[0-9a-f:.]+")) {
            return false;
        }
        try {
            return InetAddress.getByName(v6) instanceof java.net.Inet6Address;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    public static String normalise(String raw) {
        String s = raw.trim();
        if (s.contains(":") && isIpLiteral(s)) {
            // one spelling for an IPv6 address: [::1], ::1 and 0:0:0:0:0:0:0:1 are the same
            try {
                return InetAddress.getByName(s.replace("[", "").replace("]", "")).getHostAddress();
            } catch (UnknownHostException e) {
                return s.toLowerCase(Locale.ROOT);
            }
        }
        if (s.endsWith(".") && s.length() > 1 && !s.matches("[\\d.]+")) {
            s = s.substring(0, s.length() - 1);
        }
        s = s.toLowerCase(Locale.ROOT);
        if (s.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            try {
                return InetAddress.getByName(s).getHostAddress();
            } catch (UnknownHostException e) {
                return s;
            }
        }
        if (s.matches("-?\\d+")) {
            return new BigInteger(s).toString();
        }
        return s;
    }

    public static boolean same(Object a, Object b) {
        if (a instanceof Collection<?> || b instanceof Collection<?>) {
            return asSet(a).equals(asSet(b));
        }
        if (a instanceof Boolean || b instanceof Boolean) {
            return truthy(a) == truthy(b);
        }
        return normalise(String.valueOf(a)).equals(normalise(String.valueOf(b)));
    }

    public static boolean isEmpty(Object v) {
        if (v == null) {
            return true;
        }
        if (v instanceof Collection<?> c) {
            return c.isEmpty();
        }
        if (v instanceof Boolean b) {
            return !b;
        }
        return String.valueOf(v).isBlank();
    }

    public static boolean truthy(Object v) {
        if (v instanceof Boolean b) {
            return b;
        }
        String s = String.valueOf(v).trim().toLowerCase(Locale.ROOT);
        return switch (s) {
            case "true", "yes", "y", "1" -> true;
            default -> false;
        };
    }

    /** Whether the IPv4 address lies in the CIDR. */
    public static boolean inCidr(String ip, String cidr) {
        try {
            String[] parts = cidr.split("/");
            byte[] net = InetAddress.getByName(parts[0]).getAddress();
            byte[] addr = InetAddress.getByName(ip).getAddress();
            if (net.length != addr.length) {
                return false;
            }
            int bits = Integer.parseInt(parts[1]);
            for (int i = 0; i < net.length && bits > 0; i++, bits -= 8) {
                int mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
                if ((net[i] & mask) != (addr[i] & mask)) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException | RuntimeException e) {
            return false;
        }
    }

    /** Text for messages: lists joined with ", ", empty shown as (nothing). */
    public static String show(Object v) {
        if (v instanceof Collection<?> c) {
            return c.isEmpty() ? "(nothing)" : c.stream().map(String::valueOf).collect(Collectors.joining(", "));
        }
        String s = String.valueOf(v);
        return s.isEmpty() ? "(nothing)" : s;
    }
}
