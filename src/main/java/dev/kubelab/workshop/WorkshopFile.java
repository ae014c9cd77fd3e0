package dev.kubelab.workshop;

import dev.kubelab.kube.PrivateFiles;

import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The instructor's record of a workshop ({@code DIR/workshop.yaml}, mode 600): its name, the
 * instructor's token for the dashboard, each learner's own event token, and the lessons it covers.
 */
public record WorkshopFile(String name, String token, Map<String, String> learnerTokens, List<String> lessons, String server) {

    public static final String FILE = "workshop.yaml";

    public WorkshopFile {
        learnerTokens = Map.copyOf(new LinkedHashMap<>(learnerTokens));
        lessons = List.copyOf(lessons);
    }

    public static String newToken() {
        byte[] b = new byte[24];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** The learner a token belongs to, or null. Compared in constant time. */
    public String learnerFor(String presented) {
        if (presented == null) {
            return null;
        }
        String found = null;
        for (var e : learnerTokens.entrySet()) {
            if (java.security.MessageDigest.isEqual(e.getValue().getBytes(), presented.getBytes())) {
                found = e.getKey();
            }
        }
        return found;
    }

    public boolean isInstructor(String presented) {
        return presented != null && java.security.MessageDigest.isEqual(token.getBytes(), presented.getBytes());
    }

    public void write(Path dir) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("token", token);
        m.put("server", server);
        m.put("lessons", lessons);
        m.put("learners", new LinkedHashMap<>(learnerTokens));
        PrivateFiles.write(dir.resolve(FILE), dump(m));
    }

    @SuppressWarnings("unchecked")
    public static WorkshopFile read(Path file) throws IOException {
        Map<String, Object> m = load(file);
        try {
            return new WorkshopFile((String) m.get("name"), (String) m.get("token"), (Map<String, String>) m.get("learners"),
                    (List<String>) m.getOrDefault("lessons", List.of()), (String) m.get("server"));
        } catch (ClassCastException | NullPointerException e) {
            throw new IOException(file + " is not a workshop file (name, token, learners)");
        }
    }

    static String dump(Map<String, Object> m) {
        return new Dump(DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).build()).dumpToString(m);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> load(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + " does not exist");
        }
        try {
            Object doc = new Load(LoadSettings.builder().build()).loadFromString(Files.readString(file));
            if (!(doc instanceof Map<?, ?>)) {
                throw new IOException(file + " is not a YAML mapping");
            }
            return (Map<String, Object>) doc;
        } catch (YamlEngineException e) {
            throw new IOException(file + ": " + e.getMessage().lines().findFirst().orElse("invalid YAML"));
        }
    }
}
