// Command kube-network-policies runs the NetworkPolicy enforcer of
// sigs.k8s.io/kube-network-policies (pkg/networkpolicy, version pinned in
// go.mod) as a host process of clusters/local.
//
// Upstream's own command only supports in-cluster configuration (a service
// account token at a fixed path), so this is a small replacement main that
// reads a kubeconfig instead, disables NRI (containerd 1.6 has none) and stops
// cleanly on SIGTERM as well as SIGINT. With --admin-network-policy it also
// enforces AdminNetworkPolicy (policy.networking.k8s.io/v1alpha1, CRDs from the
// network-policy-api module pinned in go.mod, applied by ../../lib/up.sh): kubelab's
// workshop slices use one to keep learners' pods apart.
//
// The build (../../lib/build.sh) compiles it against a copy of
// github.com/google/nftables with nftables_queue_compat.go.in added, because
// the kernel on our machines lacks CONFIG_NFT_QUEUE (see ../../README.md).
package main

import (
	"context"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/signal"
	"time"

	"github.com/prometheus/client_golang/prometheus/promhttp"
	"golang.org/x/sys/unix"
	utilruntime "k8s.io/apimachinery/pkg/util/runtime"
	"k8s.io/client-go/informers"
	coreinformers "k8s.io/client-go/informers/core/v1"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/rest"
	"k8s.io/client-go/tools/clientcmd"
	"k8s.io/component-base/logs"
	logsapi "k8s.io/component-base/logs/api/v1"
	"k8s.io/klog/v2"
	"sigs.k8s.io/kube-network-policies/pkg/networkpolicy"
	npaclient "sigs.k8s.io/network-policy-api/pkg/client/clientset/versioned"
	npainformers "sigs.k8s.io/network-policy-api/pkg/client/informers/externalversions"
	"sigs.k8s.io/network-policy-api/pkg/client/informers/externalversions/apis/v1alpha1"
)

func main() { os.Exit(run()) }

func run() int {
	var (
		kubeconfig     string
		nodeName       string
		metricsAddress string
		queueID        int
		failOpen       bool
		bug1766Fix     bool
		adminPolicies  bool
	)
	flag.StringVar(&kubeconfig, "kubeconfig", "", "path to the kubeconfig (required)")
	flag.StringVar(&nodeName, "hostname-override", "", "name of the Node this enforcer runs on (required)")
	flag.StringVar(&metricsAddress, "metrics-bind-address", "127.0.0.1:9080", "address of the metrics endpoint")
	flag.IntVar(&queueID, "nfqueue-id", 100, "netfilter queue number")
	flag.BoolVar(&failOpen, "fail-open", false, "accept packets while the enforcer is not running")
	flag.BoolVar(&bug1766Fix, "netfilter-bug-1766-fix", false, "also queue DNS on PREROUTING (only for kernels older than 6.12)")
	flag.BoolVar(&adminPolicies, "admin-network-policy", false, "also enforce AdminNetworkPolicy (its CRD must be installed); every new connection is then evaluated, not only those of pods a NetworkPolicy selects")
	lc := logsapi.NewLoggingConfiguration()
	logsapi.AddGoFlags(lc, flag.CommandLine)
	flag.Parse()
	logs.InitLogs()
	if err := logsapi.ValidateAndApply(lc, nil); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	if kubeconfig == "" || nodeName == "" {
		fmt.Fprintln(os.Stderr, "kube-network-policies: --kubeconfig and --hostname-override are required")
		return 2
	}
	if _, _, err := net.SplitHostPort(metricsAddress); err != nil {
		fmt.Fprintf(os.Stderr, "kube-network-policies: bad --metrics-bind-address: %v\n", err)
		return 2
	}

	ctx, cancel := signal.NotifyContext(context.Background(), unix.SIGINT, unix.SIGTERM)
	defer cancel()

	config, err := clientcmd.BuildConfigFromFlags("", kubeconfig)
	if err != nil {
		klog.Errorf("loading kubeconfig: %v", err)
		return 1
	}
	npaConfig := rest.CopyConfig(config) // custom resources have no protobuf form
	config.AcceptContentTypes = "application/vnd.kubernetes.protobuf,application/json"
	config.ContentType = "application/vnd.kubernetes.protobuf"
	clientset, err := kubernetes.NewForConfig(config)
	if err != nil {
		klog.Errorf("creating client: %v", err)
		return 1
	}
	factory := informers.NewSharedInformerFactory(clientset, 0)

	var (
		npaClient    *npaclient.Clientset
		npaFactory   npainformers.SharedInformerFactory
		anpInformer  v1alpha1.AdminNetworkPolicyInformer
		nodeInformer coreinformers.NodeInformer // AdminNetworkPolicy can select nodes as peers
	)
	if adminPolicies {
		nodeInformer = factory.Core().V1().Nodes()
		if npaClient, err = npaclient.NewForConfig(npaConfig); err != nil {
			klog.Errorf("creating AdminNetworkPolicy client: %v", err)
			return 1
		}
		npaFactory = npainformers.NewSharedInformerFactory(npaClient, 0)
		anpInformer = npaFactory.Policy().V1alpha1().AdminNetworkPolicies()
	}

	http.Handle("/metrics", promhttp.Handler())
	go func() { utilruntime.HandleError(http.ListenAndServe(metricsAddress, nil)) }()

	controller, err := networkpolicy.NewController(
		clientset,
		factory.Networking().V1().NetworkPolicies(),
		factory.Core().V1().Namespaces(),
		factory.Core().V1().Pods(),
		nodeInformer,
		npaClient,
		anpInformer,
		nil, // no BaselineAdminNetworkPolicy
		networkpolicy.Config{
			AdminNetworkPolicy:  adminPolicies,
			FailOpen:            failOpen,
			QueueID:             queueID,
			NodeName:            nodeName,
			NetfilterBug1766Fix: bug1766Fix,
			NRIdisabled:         true,
		},
	)
	if err != nil {
		klog.Errorf("creating network policy controller: %v", err)
		return 1
	}
	go func() { utilruntime.HandleError(controller.Run(ctx)) }()
	factory.Start(ctx.Done())
	if adminPolicies {
		npaFactory.Start(ctx.Done())
	}
	klog.Infof("kube-network-policies (kubelab host process) running for node %s (AdminNetworkPolicy: %v)", nodeName, adminPolicies)
	<-ctx.Done()
	time.Sleep(2 * time.Second) // let the controller remove its nftables table
	return 0
}
