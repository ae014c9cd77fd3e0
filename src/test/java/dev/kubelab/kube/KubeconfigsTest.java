package dev.kubelab.kube;

import io.fabric8.kubernetes.api.model.Config;
import io.fabric8.kubernetes.api.model.NamedAuthInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pinning one context out of a user's kubeconfig: nothing of the others, paths that still resolve, a private file. */
class KubeconfigsTest {

    @TempDir
    Path tmp;

    /** Two contexts; the current one is {@code prod}; {@code lab} uses files relative to the kubeconfig's folder. */
    private Path userKubeconfig() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("home/.kube"));
        Config c = new io.fabric8.kubernetes.api.model.ConfigBuilder()
                .withApiVersion("v1").withKind("Config")
                .addNewCluster().withName("prod-cluster").withNewCluster().withServer("https://prod.example:6443")
                .withCertificateAuthority("/etc/prod/ca.crt").endCluster().endCluster()
                .addNewCluster().withName("lab-cluster").withNewCluster().withServer("https://127.0.0.1:6443")
                .withCertificateAuthority("certs/ca.crt").endCluster().endCluster()
                .addNewUser().withName("prod-admin").withNewUser().withToken("prod-secret").endUser().endUser()
                .addNewUser().withName("lab-user").withNewUser().withClientCertificate("certs/me.crt")
                .withClientKey("./certs/me.key").withTokenFile("../tok").withNewExec().withApiVersion("client.authentication.k8s.io/v1")
                .withCommand("bin/get-token").endExec().endUser().endUser()
                .addNewUser().withName("lab-plugin").withNewUser().withNewExec().withApiVersion("client.authentication.k8s.io/v1")
                .withCommand("aws").endExec().endUser().endUser()
                .addNewContext().withName("prod").withNewContext().withCluster("prod-cluster").withUser("prod-admin").endContext().endContext()
                .addNewContext().withName("lab").withNewContext().withCluster("lab-cluster").withUser("lab-user")
                .withNamespace("default").endContext().endContext()
                .addNewContext().withName("plugin").withNewContext().withCluster("lab-cluster").withUser("lab-plugin").endContext().endContext()
                .addNewContext().withName("broken").withNewContext().withCluster("gone").withUser("lab-user").endContext().endContext()
                .withCurrentContext("prod")
                .build();
        Path kc = dir.resolve("config");
        Files.writeString(kc, Kubeconfigs.toYaml(c));
        return kc;
    }

    @Test
    void thePinnedConfigHoldsOnlyTheNamedContextAndMakesItCurrent() throws Exception {
        Path kc = userKubeconfig();
        Config pinned = Kubeconfigs.pinned(kc, "lab");
        assertEquals("lab", pinned.getCurrentContext());
        assertEquals(List.of("lab"), pinned.getContexts().stream().map(c -> c.getName()).toList());
        assertEquals(List.of("lab-cluster"), pinned.getClusters().stream().map(c -> c.getName()).toList());
        assertEquals(List.of("lab-user"), pinned.getUsers().stream().map(NamedAuthInfo::getName).toList());
        String yaml = Kubeconfigs.toYaml(pinned);
        assertFalse(yaml.contains("prod"), yaml);
        assertEquals("default", pinned.getContexts().get(0).getContext().getNamespace());
    }

    @Test
    void relativeFilesAreResolvedAgainstTheSourceKubeconfigsFolder() throws Exception {
        Path kc = userKubeconfig();
        Path dir = kc.getParent();
        Config pinned = Kubeconfigs.pinned(kc, "lab");
        assertEquals(dir.resolve("certs/ca.crt").toString(), pinned.getClusters().get(0).getCluster().getCertificateAuthority());
        var user = pinned.getUsers().get(0).getUser();
        assertEquals(dir.resolve("certs/me.crt").toString(), user.getClientCertificate());
        assertEquals(dir.resolve("certs/me.key").toString(), user.getClientKey());
        assertEquals(dir.getParent().resolve("tok").toString(), user.getTokenFile());
        assertEquals(dir.resolve("bin/get-token").toString(), user.getExec().getCommand());
        // a bare command is looked up on PATH by kubectl: left alone
        assertEquals("aws", Kubeconfigs.pinned(kc, "plugin").getUsers().get(0).getUser().getExec().getCommand());
        // absolute paths stay as they were
        assertEquals("/etc/prod/ca.crt", Kubeconfigs.pinned(kc, "prod").getClusters().get(0).getCluster().getCertificateAuthority());
    }

    @Test
    void anUnknownContextOrADanglingReferenceIsOneLineNamingWhatExists() throws Exception {
        Path kc = userKubeconfig();
        var e = assertThrows(Kubeconfigs.UnusableKubeconfigException.class, () -> Kubeconfigs.pinned(kc, "staging"));
        assertEquals("it has no context 'staging' (it has: prod, lab, plugin, broken)", e.getMessage());
        var dangling = assertThrows(Kubeconfigs.UnusableKubeconfigException.class, () -> Kubeconfigs.pinned(kc, "broken"));
        assertEquals("its context 'broken' names cluster 'gone', which it does not define", dangling.getMessage());
        Path garbage = Files.writeString(tmp.resolve("garbage"), "- just\n- a list\n");
        var notKc = assertThrows(Kubeconfigs.UnusableKubeconfigException.class, () -> Kubeconfigs.pinned(garbage, "lab"));
        assertTrue(notKc.getMessage().startsWith("it is not a kubeconfig"), notKc.getMessage());
    }

    @Test
    void thePinnedFileIsWrittenForItsOwnerOnlyAndReadsBackTheSame() throws Exception {
        Path out = tmp.resolve("pinned");
        Files.writeString(out, "old content, world-readable");
        Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rw-r--r--"));
        Config pinned = Kubeconfigs.pinned(userKubeconfig(), "lab");
        Kubeconfigs.writePrivate(pinned, out);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(out)));
        Config back = Kubeconfigs.parse(Files.readString(out));
        assertEquals("lab", back.getCurrentContext());
        assertEquals("https://127.0.0.1:6443", back.getClusters().get(0).getCluster().getServer());
        assertEquals(1, back.getContexts().size());
    }

    @Test
    void aTokenKubeconfigCarriesItsCaAndNamespaceAndIsReadableByFabric8() throws Exception {
        Config c = Kubeconfigs.forToken("ws", "https://10.0.0.1:6443", "Q0E=", "ws-w1", "tok: with: colons", "ws-w1-garage");
        Path f = tmp.resolve("w1.kubeconfig");
        Kubeconfigs.writePrivate(c, f);
        io.fabric8.kubernetes.client.Config parsed = io.fabric8.kubernetes.client.Config.fromKubeconfig(null, Files.readString(f), f.toString());
        assertEquals("https://10.0.0.1:6443/", parsed.getMasterUrl());
        assertEquals("tok: with: colons", parsed.getAutoOAuthToken());
        assertEquals("ws-w1-garage", parsed.getNamespace());
        assertEquals("Q0E=", parsed.getCaCertData());
        assertFalse(Files.readString(f).contains("insecure"), Files.readString(f));
    }
}
