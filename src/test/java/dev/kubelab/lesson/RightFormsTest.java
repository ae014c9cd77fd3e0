package dev.kubelab.lesson;

import dev.kubelab.check.CheckSpec;
import dev.kubelab.check.Expectation;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Where a shipped lesson keeps a regex (a config value's form), it is tried on a table of every
 * right form (short name with namespace, .svc, the FQDN, a trailing dot, a path, a trailing slash)
 * and of the wrong ones it must refuse (an address, a missing port).
 */
class RightFormsTest {

    private static final Path LESSONS = Path.of("lessons");

    private static Pattern regexOf(String file, String checkId) {
        LessonParser.Result r = new LessonParser().parse(LESSONS.resolve(file));
        assertTrue(r.ok(), r.problems().toString());
        CheckSpec c = r.lesson().steps().stream().flatMap(s -> s.blocks(Block.Check.class).stream()).map(Block.Check::spec)
                .filter(s -> s.id().equals(checkId)).findFirst().orElse(null);
        assertNotNull(c, file + " has no check " + checkId);
        return Pattern.compile(((Expectation.Matches) c.expect()).regex());
    }

    private static void table(Pattern p, List<String> right, List<String> wrong) {
        for (String s : right) {
            assertTrue(p.matcher(s).find(), "a right form is refused: " + s + " by /" + p + "/");
        }
        for (String s : wrong) {
            assertFalse(p.matcher(s).find(), "a wrong form is accepted: " + s + " by /" + p + "/");
        }
    }

    private static final List<String> NAMED_ENDPOINTS = List.of(
            "http://garage.garage:3900", "http://garage.garage:3900/", "http://garage.garage.svc:3900",
            "http://garage.garage.svc.cluster.local:3900", "http://garage.garage.svc.cluster.local.:3900",
            "http://garage.garage.svc.cluster.local.:3900/", "http://garage.garage:3900/bucket/key",
            "https://garage.garage.svc.corp.example:3900", "http://garage-s3.data-platform:3900");
    private static final List<String> ADDRESSES = List.of(
            "http://10.96.37.201:3900", "http://10.244.0.7:3900/", "http://[fd00::1]:3900", "10.96.37.201:3900", "");

    @Test
    void trinosEndpointIsAnyDnsNameNeverAnAddress() {
        for (String[] where : new String[][] {{"03-cluster-dns.md", "s3-endpoint-is-a-name"}, {"01-pod-ips.md", "s3-endpoint-is-a-name"}}) {
            table(regexOf(where[0], where[1]), NAMED_ENDPOINTS, ADDRESSES);
        }
    }

    @Test
    void airbytesEndpointNamesANamespaceAndTheS3Port() {
        table(regexOf("04-reachability-matrix.md", "airbyte-s3-qualified"), NAMED_ENDPOINTS.stream()
                        .filter(s -> s.startsWith("http://") && s.contains(":3900") && !s.contains("garage-s3")).toList(),
                List.of("http://garage:3900", "http://garage.garage:3902", "http://10.96.37.201:3900", "http://garage.garage"));
    }
}
