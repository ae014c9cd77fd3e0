package dev.kubelab.explain;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The TCP ports a pod listens on, from {@code /proc/net/tcp} and {@code /proc/net/tcp6} (every
 * container of a pod shares them): readable with {@code cat} alone, no netstat or ss in the image.
 */
final class ListeningSockets {

    private static final String LISTEN = "0A";

    private ListeningSockets() {
    }

    /** Every listening port, on any address. */
    static Set<Integer> parse(String procNetTcp) {
        return listening(procNetTcp, Scope.ANY);
    }

    /** Ports with listeners on loopback addresses only (127.0.0.1, ::1): other pods cannot connect to them. */
    static Set<Integer> loopbackOnly(String procNetTcp) {
        Set<Integer> out = listening(procNetTcp, Scope.LOOPBACK);
        out.removeAll(listening(procNetTcp, Scope.BEYOND_LOOPBACK));
        return out;
    }

    private enum Scope { ANY, LOOPBACK, BEYOND_LOOPBACK }

    private static Set<Integer> listening(String procNetTcp, Scope scope) {
        Set<Integer> ports = new TreeSet<>();
        for (String line : procNetTcp.split("\n")) {
            String[] f = line.strip().split("\\s+");
            // sl local_address rem_address st ...; local_address is HEXIP:HEXPORT
            if (f.length < 4 || !f[0].endsWith(":") || !LISTEN.equals(f[3])) {
                continue;
            }
            int colon = f[1].lastIndexOf(':');
            if (colon < 0) {
                continue;
            }
            boolean loopback = loopback(f[1].substring(0, colon));
            if ((scope == Scope.LOOPBACK && !loopback) || (scope == Scope.BEYOND_LOOPBACK && loopback)) {
                continue;
            }
            try {
                ports.add(Integer.parseInt(f[1].substring(colon + 1), 16));
            } catch (NumberFormatException ignored) {
                // not a socket line
            }
        }
        return ports;
    }

    /** A /proc/net/tcp address in little-endian hex words: 127.x.y.z, ::1, or ::ffff:127.x.y.z. */
    static boolean loopback(String hex) {
        String h = hex.toUpperCase(Locale.ROOT);
        if (h.length() == 8) {
            return h.endsWith("7F");
        }
        return h.equals("00000000000000000000000001000000") || (h.startsWith("0000000000000000FFFF0000") && h.endsWith("7F"));
    }
}
