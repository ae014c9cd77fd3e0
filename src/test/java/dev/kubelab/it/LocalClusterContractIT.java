package dev.kubelab.it;

import dev.kubelab.cluster.LocalBackend;

/** The contract on the local backend: always run, and FAILS (never skips) without the cluster. */
class LocalClusterContractIT extends ClusterContract {

    @Override
    protected void open() throws Exception {
        connect(LocalBackend.fromEnv(System.getenv(), LiveCluster.sourceRoot()), LiveCluster.require());
    }
}
