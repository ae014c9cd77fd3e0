package dev.kubelab.kube;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Builds fabric8 clients from one explicit kubeconfig: never the user's ~/.kube/config by accident. */
public final class KubeClients {

    /** Held strongly: java.util.logging forgets a logger's level when the logger is collected. */
    private static final java.util.logging.Logger VERTX_LOG = java.util.logging.Logger.getLogger("io.vertx");
    private static final java.util.logging.Logger NETTY_LOG = java.util.logging.Logger.getLogger("io.netty");

    static {
        // Vert.x warns on stderr when the 2-core machine is busy ("thread blocked"): noise for a learner
        VERTX_LOG.setLevel(java.util.logging.Level.SEVERE);
        // netty reports a listener it could not notify after a client was closed with an exec still
        // winding down (a probe's pod was deleted; verify closes a slice's client): a stack trace, no news
        NETTY_LOG.setLevel(java.util.logging.Level.OFF);
        System.setProperty("kubernetes.disable.autoConfig", "true");
        System.setProperty(Config.KUBERNETES_AUTH_TRYKUBECONFIG_SYSTEM_PROPERTY, "false");
    }

    private KubeClients() {
    }

    public static KubernetesClient fromKubeconfig(Path kubeconfig, String context) throws IOException {
        String yaml = Files.readString(kubeconfig);
        Config config = Config.fromKubeconfig(context, yaml, kubeconfig.toString());
        config.setRequestTimeout(10_000);
        config.setConnectionTimeout(5_000);
        config.setRequestRetryBackoffLimit(1);
        if (config.getClientKeyAlgo() == null) {
            config.setClientKeyAlgo(pkcs8KeyAlgorithm(config));
        }
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    /**
     * fabric8 takes a PKCS#8 key ({@code BEGIN PRIVATE KEY}) for RSA unless told otherwise, and
     * then fails on an EC key ("Invalid DER: object is not integer"). Returns RSA or EC for such a
     * key, null when the key is absent or in another form (fabric8 reads the header itself then).
     */
    static String pkcs8KeyAlgorithm(Config config) {
        try {
            String pem = config.getClientKeyData() != null
                    ? new String(java.util.Base64.getMimeDecoder().decode(config.getClientKeyData().trim()),
                    java.nio.charset.StandardCharsets.US_ASCII)
                    : config.getClientKeyFile() != null ? Files.readString(Path.of(config.getClientKeyFile())) : null;
            if (pem == null || !pem.contains("-----BEGIN PRIVATE KEY-----")) {
                return null;
            }
            byte[] der = java.util.Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
            for (String algo : new String[] {"RSA", "EC"}) {
                try {
                    java.security.KeyFactory.getInstance(algo).generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(der));
                    return algo;
                } catch (java.security.GeneralSecurityException notThisOne) {
                    // try the next algorithm
                }
            }
        } catch (IOException | IllegalArgumentException unreadable) {
            // leave it to fabric8, which reports it
        }
        return null;
    }

    public static KubernetesClient fromConfig(Config config) {
        return new KubernetesClientBuilder().withConfig(config).build();
    }
}
