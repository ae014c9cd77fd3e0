package dev.kubelab.explain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

class PortForwardsTest {

    private static PortForwards.Forward parse(String commandLine) {
        return PortForwards.parse(42, Arrays.asList(commandLine.split(" ")));
    }

    private static List<String> pairs(PortForwards.Forward f) {
        return f.ports().stream().map(p -> p[0] + ":" + p[1]).toList();
    }

    @Test
    void namespaceResourceAndPair() {
        PortForwards.Forward f = parse("/usr/bin/kubectl port-forward -n ns pod/web 8080:80");
        assertNotNull(f);
        assertEquals(42, f.pid());
        assertEquals("ns", f.namespace());
        assertEquals("pod/web", f.resource());
        assertEquals(List.of("8080:80"), pairs(f));
        assertEquals(80, f.remoteFor(8080));
        assertNull(f.remoteFor(80));
        assertEquals("/usr/bin/kubectl port-forward -n ns pod/web 8080:80", f.commandLine());
    }

    @Test
    void onePortIsTheSameBothSidesAndTheNamespaceDefaults() {
        PortForwards.Forward f = parse("kubectl --kubeconfig /x port-forward svc/web 9000");
        assertNotNull(f);
        assertEquals("default", f.namespace());
        assertEquals("svc/web", f.resource());
        assertEquals(List.of("9000:9000"), pairs(f));
        // after the verb a flag's value must not be taken for the resource
        PortForwards.Forward g = parse("kubectl port-forward --kubeconfig /x svc/web 9000");
        assertEquals("svc/web", g.resource());
        assertEquals(List.of("9000:9000"), pairs(g));
    }

    @Test
    void aRandomLocalPortHasNoPairToMatch() {
        PortForwards.Forward f = parse("kubectl port-forward --namespace=ns deploy/d :80");
        assertNotNull(f);
        assertEquals("ns", f.namespace());
        assertEquals("deploy/d", f.resource());
        assertEquals(List.of(), pairs(f));
    }

    @Test
    void aBareNameIsAPod() {
        assertEquals("pod/web-0", parse("kubectl port-forward web-0 8080:80").resource());
    }

    @Test
    void flagsWithValuesAreSkipped() {
        PortForwards.Forward f = parse("kubectl port-forward --address 0.0.0.0 --namespace garage svc/garage 3900:3900 3903:3903");
        assertNotNull(f);
        assertEquals("garage", f.namespace());
        assertEquals("svc/garage", f.resource());
        assertEquals(List.of("3900:3900", "3903:3903"), pairs(f));
        assertEquals(3903, f.remoteFor(3903));

        PortForwards.Forward g = parse("kubectl --context kind-lab -n ns port-forward --address=127.0.0.1 pod/web 8080:80");
        assertEquals("ns", g.namespace());
        assertEquals("pod/web", g.resource());
        assertEquals(List.of("8080:80"), pairs(g));
    }

    @Test
    void kubectlsOtherValueFlagsShortNamespacesAndWrappers() {
        PortForwards.Forward f = parse("kubectl port-forward --pod-running-timeout 2m -v 6 pod/web 8080:80");
        assertEquals("pod/web", f.resource());
        assertEquals(List.of("8080:80"), pairs(f));
        assertEquals("ns", parse("kubectl port-forward -n=ns pod/web 8080:80").namespace());
        assertEquals("ns", parse("kubectl port-forward -nns pod/web 8080:80").namespace());
        PortForwards.Forward k3s = parse("/usr/local/bin/k3s kubectl port-forward -n ns svc/web 9000:80");
        assertNotNull(k3s);
        assertEquals("svc/web", k3s.resource());
        assertEquals(List.of("9000:80"), pairs(k3s));
    }

    @Test
    void notAKubectlPortForward() {
        assertNull(parse("kubectl get pods -n ns"));
        assertNull(parse("/usr/bin/ssh -L 8080:localhost:80 port-forward"));
        assertNull(parse("port-forward pod/web 8080:80"));
        assertNull(parse("kubectl port-forward"));
        assertNull(PortForwards.parse(1, List.of("")));
    }

    @Test
    void runningReadsProcLikeDirectories(@TempDir Path proc) throws IOException {
        cmdline(proc.resolve("1234"), "/usr/local/bin/kubectl", "port-forward", "-n", "garage", "pod/garage-0", "3900:3900");
        cmdline(proc.resolve("77"), "kubectl", "port-forward", "svc/web", "8080:80");
        cmdline(proc.resolve("999"), "/usr/bin/java", "-jar", "kubelab.jar");
        Files.createDirectories(proc.resolve("31")); // a kernel thread: empty cmdline
        Files.write(proc.resolve("31").resolve("cmdline"), new byte[0]);
        Files.createDirectories(proc.resolve("55")); // gone while we looked: no cmdline at all
        cmdline(proc.resolve("self"), "kubectl", "port-forward", "pod/ignored", "1:1");
        Files.writeString(proc.resolve("4321"), "a file, not a process directory");

        List<PortForwards.Forward> found = PortForwards.running(proc).stream()
                .sorted(Comparator.comparingLong(PortForwards.Forward::pid)).toList();
        assertEquals(2, found.size(), found.toString());
        assertEquals(77, found.get(0).pid());
        assertEquals("default", found.get(0).namespace());
        assertEquals("svc/web", found.get(0).resource());
        assertEquals(1234, found.get(1).pid());
        assertEquals("garage", found.get(1).namespace());
        assertEquals(3900, found.get(1).remoteFor(3900));
    }

    @Test
    void noProcIsEmpty(@TempDir Path dir) {
        assertEquals(List.of(), PortForwards.running(dir.resolve("no-such-proc")));
    }

    /** argv as the kernel shows it: each argument followed by a NUL. */
    private static void cmdline(Path dir, String... argv) throws IOException {
        Files.createDirectories(dir);
        StringBuilder sb = new StringBuilder();
        for (String a : argv) {
            sb.append(a).append('\0');
        }
        Files.write(dir.resolve("cmdline"), sb.toString().getBytes(StandardCharsets.UTF_8));
    }
}
