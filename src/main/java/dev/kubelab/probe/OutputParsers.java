package dev.kubelab.probe;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Pure parsers for what tools print inside pods; unit-tested against real captured output. */
public final class OutputParsers {

    private static final Pattern IPV4 = Pattern.compile("^\\d{1,3}(\\.\\d{1,3}){3}$");
    private static final Pattern HTTP_STATUS = Pattern.compile("HTTP/\\d(?:\\.\\d)?\\s+(\\d{3})");

    private OutputParsers() {
    }

    /** {@code getent hosts NAME}: one "IP  name aliases" line per address. */
    public static List<String> getentHosts(String out) {
        Set<String> ips = new LinkedHashSet<>();
        for (String line : out.split("\n")) {
            String[] parts = line.trim().split("\\s+");
            if (parts.length >= 1 && looksLikeIp(parts[0])) {
                ips.add(parts[0]);
            }
        }
        return new ArrayList<>(ips);
    }

    /**
     * busybox or bind {@code nslookup NAME}: the addresses listed after the first "Name:" line.
     * The server's own address comes before it and is not an answer.
     */
    public static List<String> nslookup(String out) {
        Set<String> ips = new LinkedHashSet<>();
        boolean answers = false;
        for (String raw : out.split("\n")) {
            String line = raw.trim();
            if (line.startsWith("Name:")) {
                answers = true;
                continue;
            }
            if (answers && line.startsWith("Address")) {
                String value = line.substring(line.indexOf(':') + 1).trim();
                // "Address 1: 10.96.0.10 kube-dns..." (old busybox) or "Address: 10.96.0.10"
                String first = value.split("\\s+")[0];
                if (looksLikeIp(first)) {
                    ips.add(first);
                }
            }
        }
        return new ArrayList<>(ips);
    }

    /** The HTTP status a wget -S or curl -sI printed, or 0 if none. */
    /** The first non-blank line, stripped; "" when there is none. */
    public static String firstLine(String out) {
        return out == null ? "" : out.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("");
    }

    public static long httpStatus(String out) {
        Matcher m = HTTP_STATUS.matcher(out);
        long last = 0;
        while (m.find()) {
            last = Long.parseLong(m.group(1));
        }
        return last;
    }

    /**
     * {@code dig +search +showsearch +noall +comments +question}: one "status:" header and one question line per
     * name asked, in order. Returns "NAME STATUS" per query.
     */
    public static List<String> digQueries(String out) {
        List<String> queries = new ArrayList<>();
        String status = null;
        for (String line : out.split("\n")) {
            String l = line.strip();
            int at = l.indexOf("status: ");
            if (l.startsWith(";; ->>HEADER<<-") && at > 0) {
                status = l.substring(at + 8).split(",")[0].strip();
            } else if (status != null && l.startsWith(";") && !l.startsWith(";;")) {
                queries.add(l.substring(1).split("\\s+")[0] + " " + status);
                status = null;
            }
        }
        return queries;
    }

    /** The distinct first lines of bodies separated by "@@" lines, in the order first seen; empty bodies add nothing. */
    public static List<String> bodies(String out) {
        java.util.LinkedHashSet<String> who = new java.util.LinkedHashSet<>();
        for (String body : out.split("(?m)^@@$")) {
            String first = firstLine(body.strip());
            if (!first.isEmpty()) {
                who.add(first);
            }
        }
        return List.copyOf(who);
    }

    /** resolv.conf as nameservers, search and ndots. */
    public static Map<String, Object> resolvConf(String text) {
        List<String> nameservers = new ArrayList<>();
        List<String> search = new ArrayList<>();
        long ndots = 1;
        for (String raw : text.split("\n")) {
            String[] parts = raw.trim().split("\\s+");
            if (parts.length < 2 || parts[0].startsWith("#")) {
                continue;
            }
            switch (parts[0]) {
                case "nameserver" -> nameservers.add(parts[1]);
                case "search" -> {
                    search.clear();
                    search.addAll(List.of(parts).subList(1, parts.length));
                }
                case "options" -> {
                    for (int i = 1; i < parts.length; i++) {
                        if (parts[i].startsWith("ndots:")) {
                            ndots = Long.parseLong(parts[i].substring(6));
                        }
                    }
                }
                default -> {
                }
            }
        }
        Map<String, Object> m = new TreeMap<>();
        m.put("nameservers", nameservers);
        m.put("search", search);
        m.put("ndots", ndots);
        return m;
    }

    /**
     * A TCP probe given a URL ({@code thrift://host:9083}) instead of host and port: split it,
     * with the scheme's default port. A value without a scheme is taken as {@code host[:port]}.
     */
    public static ProbeSpec.TcpConnect hostPort(ProbeSpec.TcpConnect t) {
        if (t.port() != null && !t.port().isEmpty()) {
            return t;
        }
        String url = t.host().strip();
        String rest = url.contains("://") ? url.substring(url.indexOf("://") + 3) : url;
        String scheme = url.contains("://") ? url.substring(0, url.indexOf("://")) : "";
        int slash = rest.indexOf('/');
        String authority = slash >= 0 ? rest.substring(0, slash) : rest;
        int colon = authority.lastIndexOf(':');
        String host = colon >= 0 ? authority.substring(0, colon) : authority;
        String port = colon >= 0 ? authority.substring(colon + 1)
                : scheme.equals("https") ? "443" : scheme.equals("http") ? "80" : "";
        return new ProbeSpec.TcpConnect(t.from(), host, port, t.timeoutSeconds());
    }

    public static boolean looksLikeIp(String s) {
        return IPV4.matcher(s).matches() || (s.contains(":") && s.matches("^[0-9a-fA-F:]+$") && s.length() > 2);
    }

    /**
     * Why a tool run in a pod failed as a tool, not as the network answering: ping without
     * CAP_NET_RAW, a socket the container may not open. Such a run is no answer ("no reply") but
     * an error of the probe. Empty when the output shows no such failure.
     */
    static java.util.Optional<String> toolFailure(String output) {
        String o = output == null ? "" : output.toLowerCase(java.util.Locale.ROOT);
        for (String sign : List.of("permission denied (are you root?)", "operation not permitted", "can't create raw socket",
                "socket: permission denied", "cap_net_raw",
                // the tool exists but not with this option (busybox's nc has no -z): it cannot say "no"
                "invalid option --", "unrecognized option")) {
            if (o.contains(sign)) {
                return java.util.Optional.of(output.strip().lines().filter(l -> l.toLowerCase(java.util.Locale.ROOT).contains(sign))
                        .findFirst().orElse(sign));
            }
        }
        return java.util.Optional.empty();
    }
}
