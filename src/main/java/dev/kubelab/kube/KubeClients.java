package dev.kubelab.kube;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Builds fabric8 clients from one explicit kubeconfig: never the user's ~/.kube/config by accident. */
public final class KubeClients {

    static {
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
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    public static KubernetesClient fromConfig(Config config) {
        return new KubernetesClientBuilder().withConfig(config).build();
    }
}
