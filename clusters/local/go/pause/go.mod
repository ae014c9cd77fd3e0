module kubelab.local/clusters/local/pause

go 1.24.0
