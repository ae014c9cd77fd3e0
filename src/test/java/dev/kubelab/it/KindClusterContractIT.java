package dev.kubelab.it;

import dev.kubelab.cluster.DockerStatus;
import dev.kubelab.cluster.KindBackend;

/**
 * The contract on the kind backend, where Docker runs and has the pinned node image
 * ({@value KindBackend#NODE_IMAGE}); elsewhere every test is SKIPPED with the reason. Reuses a
 * running kubelab kind node or starts one and leaves it running (remove it: kubelab cluster down).
 */
class KindClusterContractIT extends ClusterContract {

    @Override
    protected void open() throws Exception {
        KindBackend kind = KindBackend.fromEnv(System.getenv());
        DockerStatus d = kind.docker();
        if (d instanceof DockerStatus.Missing m) {
            unavailable("kind backend unavailable: " + m.reason());
        } else if (kind.running().isEmpty() && !kind.nodeImagePresent()) {
            unavailable("kind backend unavailable: Docker has no " + KindBackend.NODE_IMAGE
                    + " (pull it, or run: kubelab cluster up --cluster kind)");
        } else {
            connect(kind, kind.up(line -> System.out.println("kind: " + line)));
        }
    }
}
