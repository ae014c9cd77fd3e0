package dev.kubelab.explain;

import java.util.Locale;

/**
 * Where the learner wants to connect, as they wrote it: {@code garage.garage:3900},
 * {@code http://garage.garage.svc.cluster.local.:3900/bucket}, {@code 10.96.0.10:53},
 * {@code [fd00::1]:80}, or {@code localhost:8080} (a port-forward on this machine).
 */
public record Destination(String written, String host, int port, String scheme) {

    /** @throws IllegalArgumentException with a one-line reason the learner can act on */
    public static Destination parse(String text) {
        String s = text == null ? "" : text.strip();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("give a destination: HOST:PORT or a URL (e.g. garage.garage:3900)");
        }
        String scheme = "";
        String rest = s;
        int sep = s.indexOf("://");
        if (sep > 0) {
            scheme = s.substring(0, sep).toLowerCase(Locale.ROOT);
            rest = s.substring(sep + 3);
        }
        int end = 0;
        while (end < rest.length() && "/?#".indexOf(rest.charAt(end)) < 0) {
            end++;
        }
        String authority = rest.substring(0, end); // a path, query or fragment is no part of where to connect
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            authority = authority.substring(at + 1);
        }
        String host;
        String port = "";
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("'" + s + "': an IPv6 address in brackets needs its ']'");
            }
            host = authority.substring(1, close);
            String after = authority.substring(close + 1);
            if (after.startsWith(":")) {
                port = after.substring(1);
            } else if (!after.isEmpty()) {
                throw new IllegalArgumentException("'" + s + "': expected ':PORT' after the IPv6 address");
            }
        } else if (authority.chars().filter(c -> c == ':').count() > 1) {
            throw new IllegalArgumentException("'" + s + "': write an IPv6 address in brackets, e.g. [fd00::1]:80");
        } else {
            int colon = authority.lastIndexOf(':');
            host = colon >= 0 ? authority.substring(0, colon) : authority;
            port = colon >= 0 ? authority.substring(colon + 1) : "";
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("'" + s + "' names no host");
        }
        if (port.isEmpty()) {
            port = switch (scheme) {
                case "http" -> "80";
                case "https" -> "443";
                default -> throw new IllegalArgumentException("'" + s + "' has no port: write HOST:PORT (e.g. "
                        + (host.contains(":") ? "[" + host + "]" : host) + ":80) or a URL with http:// or https://");
            };
        }
        int number;
        try {
            number = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + s + "': the port '" + port + "' is not a number");
        }
        if (number < 1 || number > 65535) {
            throw new IllegalArgumentException("'" + s + "': the port " + number + " is outside 1-65535");
        }
        return new Destination(s, host, number, scheme);
    }

    /** The host is an IP literal, so no DNS lookup is involved. */
    public boolean hostIsIp() {
        return isIp(host);
    }

    /** On this machine: where a {@code kubectl port-forward} listens. */
    public boolean isThisMachine() {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.equals("localhost.") || (isIp(h) && h.startsWith("127.")) || h.equals("::1");
    }

    /** Host and port as nc and humans take them ({@code [v6]:port} for IPv6). */
    public String hostPort() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    static boolean isIp(String s) {
        if (s.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            return true;
        }
        return s.contains(":") && s.matches("[0-9a-fA-F:.]+");
    }
}
