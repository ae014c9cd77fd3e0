package dev.kubelab.explain;

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

    static Set<Integer> parse(String procNetTcp) {
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
            try {
                ports.add(Integer.parseInt(f[1].substring(colon + 1), 16));
            } catch (NumberFormatException ignored) {
                // not a socket line
            }
        }
        return ports;
    }
}
