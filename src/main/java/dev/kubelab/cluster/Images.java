package dev.kubelab.cluster;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/** Image maps: public pinned images for clusters that can pull, files written by the local backend. */
public final class Images {

    /** For clusters that pull from public registries (kind, an existing context). Pinned, never :latest. */
    public static final Map<String, String> PUBLIC = Map.of(
            "busybox", "docker.io/library/busybox:1.36.1",
            "debug", "docker.io/nicolaka/netshoot:v0.13");

    private Images() {
    }

    public static Map<String, String> load(Path properties) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(properties)) {
            p.load(r);
        }
        Map<String, String> out = new TreeMap<>();
        p.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
        return out;
    }
}
