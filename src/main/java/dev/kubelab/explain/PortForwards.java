package dev.kubelab.explain;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/** The {@code kubectl port-forward} processes running on this machine, read from /proc. */
final class PortForwards {

    /** One running forward: its pid, namespace, resource ({@code pod/x}, {@code svc/y}) and LOCAL:REMOTE pairs. */
    record Forward(long pid, String namespace, String resource, List<int[]> ports, String commandLine) {
        Integer remoteFor(int local) {
            return ports.stream().filter(p -> p[0] == local).map(p -> p[1]).findFirst().orElse(null);
        }
    }

    /** kubectl's flags that take a separate value (kubectl options --help, port-forward --help); the rest are booleans. */
    private static final java.util.Set<String> VALUE_FLAGS = java.util.Set.of("--address", "--pod-running-timeout",
            "--kubeconfig", "--context", "--cluster", "--user", "--server", "-s", "--token", "--as", "--as-group", "--as-uid",
            "--certificate-authority", "--client-certificate", "--client-key", "--tls-server-name", "--request-timeout",
            "--cache-dir", "--username", "--password", "-v", "--v", "--vmodule", "--log-dir", "--log-file", "--profile",
            "--profile-output", "--kuberc");

    private PortForwards() {
    }

    /** Empty where there is no /proc (then the caller says it cannot list processes). */
    static List<Forward> running(Path proc) {
        List<Forward> out = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(proc)) {
            for (Path d : (Iterable<Path>) dirs::iterator) {
                if (!d.getFileName().toString().chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    byte[] raw = Files.readAllBytes(d.resolve("cmdline"));
                    List<String> argv = Arrays.asList(new String(raw, StandardCharsets.UTF_8).split("\0"));
                    Forward f = parse(Long.parseLong(d.getFileName().toString()), argv);
                    if (f != null) {
                        out.add(f);
                    }
                } catch (IOException | RuntimeException gone) {
                    // a process that ended while we looked
                }
            }
        } catch (IOException e) {
            return List.of();
        }
        return out;
    }

    static Forward parse(long pid, List<String> argv) {
        int verb = argv.indexOf("port-forward");
        // kubectl itself, or a wrapper that runs it (k3s kubectl, microk8s kubectl)
        if (verb < 1 || argv.subList(0, verb).stream().noneMatch(a -> a.endsWith("kubectl"))) {
            return null;
        }
        String namespace = null;
        String resource = null;
        List<int[]> ports = new ArrayList<>();
        for (int i = 1; i < argv.size(); i++) {
            String a = argv.get(i);
            if (i == verb) {
                continue;
            }
            if (a.equals("-n") || a.equals("--namespace")) {
                namespace = i + 1 < argv.size() ? argv.get(++i) : null;
            } else if (a.startsWith("--namespace=")) {
                namespace = a.substring(12);
            } else if (a.startsWith("-n") && !a.startsWith("--")) {
                namespace = a.startsWith("-n=") ? a.substring(3) : a.substring(2);
            } else if (a.startsWith("-")) {
                if (!a.contains("=") && VALUE_FLAGS.contains(a)) {
                    i++;
                }
            } else if (i < verb) {
                continue; // the wrapper's own words (k3s kubectl)
            } else if (resource == null) {
                resource = a;
            } else {
                int[] pair = portPair(a);
                if (pair != null) {
                    ports.add(pair);
                }
            }
        }
        return resource == null ? null : new Forward(pid, namespace == null ? "default" : namespace,
                resource.contains("/") ? resource : "pod/" + resource, ports, String.join(" ", argv));
    }

    /** {@code 8080:80}, {@code 8080} (the same both sides); {@code :80} picks a random local port, so it has none to match. */
    private static int[] portPair(String spec) {
        try {
            int colon = spec.indexOf(':');
            if (colon < 0) {
                int p = Integer.parseInt(spec);
                return new int[] {p, p};
            }
            if (colon == 0) {
                return null;
            }
            return new int[] {Integer.parseInt(spec.substring(0, colon)), Integer.parseInt(spec.substring(colon + 1))};
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
