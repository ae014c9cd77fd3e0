package dev.kubelab.workshop;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a learner needs to join a workshop ({@code kubelab --workshop FILE}): their slice's prefix,
 * a kubeconfig with their ServiceAccount token, where to send events and their own event token,
 * the images of the shared cluster, whether provisioning proved NetworkPolicy enforced, and (an https
 * server) the fingerprint of the server's certificate, the only one the learner's kubelab trusts.
 */
public record JoinFile(String workshop, String learner, String prefix, Path kubeconfig, String server, String token,
                       Map<String, String> images, boolean networkPolicyEnforced, String serverFingerprint) {

    /** A join file for a plain-HTTP server (no pinned certificate). */
    public JoinFile(String workshop, String learner, String prefix, Path kubeconfig, String server, String token,
                    Map<String, String> images, boolean networkPolicyEnforced) {
        this(workshop, learner, prefix, kubeconfig, server, token, images, networkPolicyEnforced, null);
    }

    public void write(Path file) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("workshop", workshop);
        m.put("learner", learner);
        m.put("prefix", prefix);
        m.put("kubeconfig", kubeconfig.getFileName().toString());
        m.put("server", server);
        m.put("token", token);
        m.put("images", new LinkedHashMap<>(images));
        m.put("networkPolicyEnforced", networkPolicyEnforced);
        if (serverFingerprint != null) {
            m.put("serverFingerprint", serverFingerprint);
        }
        dev.kubelab.kube.PrivateFiles.write(file, WorkshopFile.dump(m));
    }

    @SuppressWarnings("unchecked")
    public static JoinFile read(Path file) throws IOException {
        Map<String, Object> m = WorkshopFile.load(file);
        try {
            Path kc = Path.of((String) m.get("kubeconfig"));
            return new JoinFile((String) m.get("workshop"), (String) m.get("learner"), (String) m.get("prefix"),
                    kc.isAbsolute() ? kc : file.toAbsolutePath().getParent().resolve(kc), (String) m.get("server"),
                    (String) m.get("token"), Map.copyOf((Map<String, String>) m.getOrDefault("images", Map.of())),
                    Boolean.TRUE.equals(m.get("networkPolicyEnforced")), (String) m.get("serverFingerprint"));
        } catch (ClassCastException | NullPointerException e) {
            throw new IOException(file + " is not a workshop join file (workshop, learner, prefix, kubeconfig, token)");
        }
    }
}
