# shellcheck shell=bash
# `kubelab-local up`: certificates, network, etcd, apiserver, controller-manager,
# scheduler, containerd, kubelet, kube-proxy, network policies, CoreDNS.

COMPONENTS="etcd containerd kube-apiserver kube-controller-manager kube-scheduler kubelet kube-proxy kube-network-policies"
PORTS="6443 2379 2380 10248 10249 10250 10256 10257 10259 9080 2381"
CTR_SOCK_REL=containerd/containerd.sock
# hard-coded paths of containerd 1.6 (shim sockets), the kubelet (device plugins,
# /var/log/containers) and libcni (result cache)
GLOBAL_DIRS="/run/containerd /var/lib/cni /var/lib/kubelet /var/log/containers /var/log/pods /run/netns"

ctr_sock() { echo "$STATE/$CTR_SOCK_REL"; }
CTR() { ctr --address "$(ctr_sock)" --namespace k8s.io "$@"; }

# start_bg NAME CMD... — detached from this shell (own session), logs to logs/NAME.log.
start_bg() {
	local name=$1
	shift
	echo "--- $(date -u +%FT%TZ) kubelab-local up: $*" >>"$STATE/logs/$name.log"
	# 9>&-: the daemon must not inherit the lock kubelab-local holds on fd 9, or every later
	# build/up/down would wait for the cluster to stop (down could never start)
	setsid "$@" >>"$STATE/logs/$name.log" 2>&1 </dev/null 9>&- &
	local pid=$! i
	echo "$pid" >"$(pidfile "$name")"
	# Until the child has exec'd, /proc/PID/cmdline is still this script's, and pid_alive (which
	# checks it names our state dir) would call the component dead: seen once under load, when
	# containerd was reported "exited" a second after its start. Wait for the exec (or its end).
	for i in $(seq 1 100); do
		[ -d "/proc/$pid" ] || break
		tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline" | grep -q -- "$STATE" && break
		sleep 0.05
	done
}

# wait_until NAME TIMEOUT DESCRIPTION CMD... — polls CMD; fails with NAME's log.
wait_until() {
	local name=$1 timeout=$2 what=$3 deadline
	shift 3
	deadline=$(($(date +%s) + timeout))
	local c
	until "$@" >/dev/null 2>&1; do
		# any component started so far that died fails the wait at once, with its log
		for c in $COMPONENTS; do
			[ -f "$(pidfile "$c")" ] || continue
			if ! pid_alive "$c"; then
				show_log "$c"
				die "$c exited while waiting for: $what"
			fi
		done
		if [ "$(date +%s)" -ge "$deadline" ]; then
			[ "$name" != - ] && show_log "$name"
			die "timed out after ${timeout}s waiting for: $what"
		fi
		sleep 0.2
	done
	log "$what"
}

# ---------------------------------------------------------------- certificates
gen_key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null; }

# mkcert NAME SUBJECT EKU [SANS]
mkcert() {
	local p=$STATE/pki name=$1 subj=$2 eku=$3 sans=${4:-}
	gen_key "$p/$name.key"
	{
		echo "basicConstraints=critical,CA:FALSE"
		echo "keyUsage=critical,digitalSignature,keyEncipherment"
		echo "extendedKeyUsage=$eku"
		[ -n "$sans" ] && echo "subjectAltName=$sans"
	} >"$p/$name.ext"
	openssl req -new -key "$p/$name.key" -subj "$subj" -out "$p/$name.csr" 2>/dev/null
	openssl x509 -req -in "$p/$name.csr" -CA "$p/ca.crt" -CAkey "$p/ca.key" -CAcreateserial \
		-days 365 -sha256 -extfile "$p/$name.ext" -out "$p/$name.crt" 2>/dev/null
	rm -f "$p/$name.csr" "$p/$name.ext"
}

gen_pki() {
	local p=$STATE/pki
	[ -f "$p/.done" ] && return 0
	mkdir -p "$p"
	chmod 700 "$p"
	gen_key "$p/ca.key"
	openssl req -x509 -new -key "$p/ca.key" -subj "/CN=kubelab-local-ca" -days 3650 -sha256 \
		-addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign,digitalSignature" \
		-out "$p/ca.crt" 2>/dev/null
	local apisans="DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.$CLUSTER_DOMAIN,DNS:localhost,DNS:$NODE_NAME,IP:127.0.0.1,IP:$NODE_IP,IP:$KUBERNETES_SVC_IP"
	mkcert apiserver "/CN=kube-apiserver" serverAuth "$apisans"
	mkcert apiserver-kubelet-client "/O=system:masters/CN=kube-apiserver-kubelet-client" clientAuth
	mkcert admin "/O=system:masters/CN=kubelab-admin" clientAuth
	mkcert controller-manager "/CN=system:kube-controller-manager" clientAuth
	mkcert scheduler "/CN=system:kube-scheduler" clientAuth
	mkcert kube-proxy "/CN=system:kube-proxy" clientAuth
	mkcert kubelet-client "/O=system:nodes/CN=system:node:$NODE_NAME" clientAuth
	mkcert kubelet-server "/CN=$NODE_NAME" serverAuth "DNS:$NODE_NAME,DNS:localhost,IP:$NODE_IP,IP:127.0.0.1"
	mkcert network-policies "/O=system:masters/CN=kubelab:kube-network-policies" clientAuth
	gen_key "$p/sa.key"
	openssl pkey -in "$p/sa.key" -pubout -out "$p/sa.pub" 2>/dev/null
	touch "$p/.done"
}

# mkkubeconfig FILE CERTNAME
mkkubeconfig() {
	local p=$STATE/pki
	cat >"$1" <<EOF
apiVersion: v1
kind: Config
clusters:
- name: kubelab-local
  cluster:
    server: https://127.0.0.1:6443
    certificate-authority-data: $(base64 -w0 "$p/ca.crt")
users:
- name: $2
  user:
    client-certificate-data: $(base64 -w0 "$p/$2.crt")
    client-key-data: $(base64 -w0 "$p/$2.key")
contexts:
- name: kubelab-local
  context:
    cluster: kubelab-local
    user: $2
current-context: kubelab-local
EOF
	chmod 600 "$1"
}

# --------------------------------------------------------------------- network
save_sysctl() {
	local f=$STATE/run/sysctl.saved k
	[ -f "$f" ] && return 0
	for k in net.ipv4.ip_forward net.bridge.bridge-nf-call-iptables net.bridge.bridge-nf-call-ip6tables; do
		echo "$k=$(sysctl -n "$k" 2>/dev/null || echo)" >>"$f"
	done
}

net_up() {
	save_sysctl
	[ -f "$STATE/run/nft-tables.before" ] || nft list tables >"$STATE/run/nft-tables.before" 2>/dev/null || true
	# Machine-wide directories containerd/kubelet/CNI create; `down` removes those that
	# did not exist before.
	if [ ! -f "$STATE/run/dirs.before" ]; then
		local d
		for d in $GLOBAL_DIRS; do [ -e "$d" ] && echo "$d"; done >"$STATE/run/dirs.before"
	fi
	sysctl -q -w net.ipv4.ip_forward=1 net.bridge.bridge-nf-call-iptables=1 net.bridge.bridge-nf-call-ip6tables=1 ||
		die "cannot set forwarding/bridge-netfilter sysctls (is br_netfilter built in?)"
	# A bridge without ports stands in for a dummy interface (CONFIG_DUMMY is off
	# on our kernels): it holds the node's own address, and the service and pod
	# CIDRs are routed to it, so a packet to an address no iptables rule rewrote
	# dies here instead of following the default route off the machine.
	ip link show "$HOST_BRIDGE" >/dev/null 2>&1 || ip link add "$HOST_BRIDGE" type bridge
	ip link set "$HOST_BRIDGE" up
	ip addr replace "$NODE_IP/32" dev "$HOST_BRIDGE"
	ip route replace "$SERVICE_CIDR" dev "$HOST_BRIDGE"
	ip route replace "$POD_CIDR" dev "$HOST_BRIDGE"
	# Pods may talk to each other, to services and to the node, never past the node.
	iptables -w -N KUBELAB-EGRESS 2>/dev/null || iptables -w -F KUBELAB-EGRESS
	iptables -w -A KUBELAB-EGRESS -o "$CNI_BRIDGE" -j RETURN
	iptables -w -A KUBELAB-EGRESS -m comment --comment "kubelab-local: pod traffic never leaves the machine" \
		-j REJECT --reject-with icmp-net-prohibited
	iptables -w -C FORWARD -i "$CNI_BRIDGE" -j KUBELAB-EGRESS 2>/dev/null ||
		iptables -w -I FORWARD 1 -i "$CNI_BRIDGE" -j KUBELAB-EGRESS
	# Last line of defence, counted: a packet to or from a cluster address that is
	# about to leave through any other interface is dropped (test/smoke.sh asserts
	# these counters stay 0).
	iptables -w -t mangle -N KUBELAB-GUARD 2>/dev/null || iptables -w -t mangle -F KUBELAB-GUARD
	local o d
	for o in lo "$CNI_BRIDGE" "$HOST_BRIDGE"; do iptables -w -t mangle -A KUBELAB-GUARD -o "$o" -j RETURN; done
	for d in "$POD_CIDR" "$SERVICE_CIDR" "$NODE_IP/32"; do
		iptables -w -t mangle -A KUBELAB-GUARD -d "$d" -m comment --comment "kubelab-local: cluster traffic must not leave the machine" -j DROP
	done
	iptables -w -t mangle -A KUBELAB-GUARD -s "$POD_CIDR" -m comment --comment "kubelab-local: cluster traffic must not leave the machine" -j DROP
	iptables -w -t mangle -C POSTROUTING -j KUBELAB-GUARD 2>/dev/null ||
		iptables -w -t mangle -I POSTROUTING 1 -j KUBELAB-GUARD
	: >"$STATE/resolv.conf" # pods with dnsPolicy Default get no upstream resolver
	echo "# kubelab-local: no upstream DNS (cluster traffic stays on this machine)" >"$STATE/resolv.conf"
}

# ----------------------------------------------------------------- components
write_configs() {
	local c=$STATE/config
	mkdir -p "$c" "$STATE/cni/net.d" "$STATE/containerd"
	mkkubeconfig "$STATE/kubeconfig" admin
	mkkubeconfig "$c/controller-manager.kubeconfig" controller-manager
	mkkubeconfig "$c/scheduler.kubeconfig" scheduler
	mkkubeconfig "$c/kube-proxy.kubeconfig" kube-proxy
	mkkubeconfig "$c/kubelet.kubeconfig" kubelet-client
	mkkubeconfig "$c/network-policies.kubeconfig" network-policies

	cat >"$STATE/containerd/config.toml" <<EOF
version = 2
root = "$STATE/containerd/root"
state = "$STATE/containerd/state"
oom_score = 0
disabled_plugins = ["io.containerd.snapshotter.v1.btrfs", "io.containerd.snapshotter.v1.zfs", "io.containerd.snapshotter.v1.aufs", "io.containerd.snapshotter.v1.devmapper"]

[grpc]
  address = "$(ctr_sock)"

[ttrpc]
  address = "$(ctr_sock).ttrpc"

[plugins."io.containerd.internal.v1.opt"]
  path = "$STATE/containerd/opt"

[plugins."io.containerd.grpc.v1.cri"]
  sandbox_image = "$(prop pause)"
  restrict_oom_score_adj = true
  disable_apparmor = true
  enable_selinux = false
  max_container_log_line_size = 16384
  [plugins."io.containerd.grpc.v1.cri".containerd]
    snapshotter = "overlayfs"
    default_runtime_name = "runc"
    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
      runtime_type = "io.containerd.runc.v2"
      [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
        BinaryName = "$(command -v runc)"
        Root = "$STATE/containerd/runc"
        SystemdCgroup = false
  [plugins."io.containerd.grpc.v1.cri".cni]
    bin_dir = "/usr/lib/cni"
    conf_dir = "$STATE/cni/net.d"
    conf_template = "$STATE/cni/template.conflist"
    max_conf_num = 1
EOF
	# containerd renders this when the kubelet hands it the node's pod CIDR.
	cat >"$STATE/cni/template.conflist" <<EOF
{
  "cniVersion": "0.4.0",
  "name": "kubelab",
  "plugins": [
    {
      "type": "bridge",
      "bridge": "$CNI_BRIDGE",
      "isGateway": true,
      "isDefaultGateway": true,
      "ipMasq": false,
      "hairpinMode": true,
      "ipam": {
        "type": "host-local",
        "dataDir": "$STATE/cni/ipam",
        "ranges": [[{"subnet": "{{.PodCIDR}}"}]]
      }
    },
    {"type": "portmap", "capabilities": {"portMappings": true}}
  ]
}
EOF

	cat >"$c/kubelet.yaml" <<EOF
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
address: $NODE_IP
port: 10250
readOnlyPort: 0
healthzBindAddress: 127.0.0.1
healthzPort: 10248
authentication:
  anonymous: {enabled: false}
  webhook: {enabled: true}
  x509: {clientCAFile: $STATE/pki/ca.crt}
authorization: {mode: Webhook}
tlsCertFile: $STATE/pki/kubelet-server.crt
tlsPrivateKeyFile: $STATE/pki/kubelet-server.key
containerRuntimeEndpoint: unix://$(ctr_sock)
cgroupDriver: cgroupfs
cgroupsPerQOS: false
# With cgroupsPerQOS false, v1.34's kubelet dereferences a nil pod cgroup config in doPodResizeAction and
# crashes (kubernetes/kubernetes#137999, unfixed in 1.34): seen when a pod with CPU limits was deleted right
# after it started. No lesson resizes pods in place, so the feature stays off here.
featureGates: {InPlacePodVerticalScaling: false}
enforceNodeAllocatable: []
failSwapOn: false
oomScoreAdj: 0
maxOpenFiles: 10000
resolvConf: $STATE/resolv.conf
clusterDNS: [$DNS_SVC_IP]
clusterDomain: $CLUSTER_DOMAIN
syncFrequency: 10s
fileCheckFrequency: 10s
nodeStatusUpdateFrequency: 2s
imageGCHighThresholdPercent: 100
evictionHard: {memory.available: "100Mi", nodefs.available: "1%", imagefs.available: "1%"}
serializeImagePulls: false
rotateCertificates: false
serverTLSBootstrap: false
localStorageCapacityIsolation: false
podLogsDirectory: $STATE/pod-logs
EOF

	cat >"$c/kube-proxy.yaml" <<EOF
apiVersion: kubeproxy.config.k8s.io/v1alpha1
kind: KubeProxyConfiguration
clientConnection: {kubeconfig: $c/kube-proxy.kubeconfig}
mode: iptables
hostnameOverride: $NODE_NAME
clusterCIDR: $POD_CIDR
bindAddress: 127.0.0.1
healthzBindAddress: 127.0.0.1:10256
metricsBindAddress: 127.0.0.1:10249
nodePortAddresses: ["$NODE_IP/32"]
oomScoreAdj: 0
conntrack:
  maxPerCore: 0
  min: 0
  tcpEstablishedTimeout: 0s
  tcpCloseWaitTimeout: 0s
iptables:
  masqueradeAll: false
  syncPeriod: 30s
  minSyncPeriod: 0s
  localhostNodePorts: false
EOF
}

prop() { sed -n "s/^$1=//p" "$(images_dir)/images.properties"; }

preflight() {
	require_linux_root
	require_tools ip iptables ip6tables nft openssl containerd ctr runc conntrack ss setsid nsenter dig curl base64 awk
	[ -x /usr/lib/cni/bridge ] && [ -x /usr/lib/cni/host-local ] && [ -x /usr/lib/cni/portmap ] && [ -x /usr/lib/cni/loopback ] ||
		die "CNI plugins missing in /usr/lib/cni — run '$KL_SELF build' first"
	local b
	for b in "$(KUBE_BIN)" "$(etcd_dir)/bin/etcd" "$(netpol_dir)/bin/kube-network-policies"; do
		[ -x "$b" ] || die "$b is not built — run '$KL_SELF build' first"
	done
	[ -f "$(images_dir)/images.properties" ] || die "images are not built — run '$KL_SELF build' first"
	[ -d /sys/fs/cgroup/memory ] || [ -f /sys/fs/cgroup/cgroup.controllers ] || die "no cgroup hierarchy at /sys/fs/cgroup"
	local p busy=()
	for p in $PORTS; do port_busy "$p" && busy+=("$p"); done
	[ ${#busy[@]} -eq 0 ] || die "port(s) ${busy[*]} already in use (another Kubernetes or etcd running?); 'ss -ltnp' shows who"
	ip link show "$CNI_BRIDGE" >/dev/null 2>&1 && die "interface $CNI_BRIDGE exists from an earlier run — run '$KL_SELF down' first"
	return 0
}

all_running() {
	local c
	for c in $COMPONENTS; do pid_alive "$c" || return 1; done
}

any_running() {
	local c
	for c in $COMPONENTS; do pid_alive "$c" && return 0; done
	return 1
}

apiserver_ready() { "$STATE/bin/kubectl" --kubeconfig "$STATE/kubeconfig" get --raw /readyz; }
node_ready() {
	[ "$(KUBECTL get node "$NODE_NAME" -o 'jsonpath={.status.conditions[?(@.type=="Ready")].status}' 2>/dev/null)" = True ]
}
coredns_ready() {
	KUBECTL -n kube-system get deploy coredns -o 'jsonpath={.status.readyReplicas}' 2>/dev/null | grep -qx 1
}
# DNS answers from a pod: from inside the CoreDNS pod's network namespace, query
# the kube-dns ClusterIP (so through kube-proxy's DNAT) for the API Service name.
dns_answers_from_pod() {
	local cid pid
	cid=$(KUBECTL -n kube-system get pod -l k8s-app=kube-dns -o 'jsonpath={.items[0].status.containerStatuses[0].containerID}' 2>/dev/null)
	cid=${cid#containerd://}
	[ -n "$cid" ] || return 1
	pid=$(CTR tasks ls 2>/dev/null | awk -v id="$cid" '$1==id {print $2}')
	[ -n "$pid" ] || return 1
	nsenter -t "$pid" -n dig +time=1 +tries=1 +short @"$DNS_SVC_IP" "kubernetes.default.svc.$CLUSTER_DOMAIN" A | grep -qx "$KUBERNETES_SVC_IP"
}

start_etcd() {
	mkdir -p "$STATE/etcd"
	start_bg etcd "$(etcd_dir)/bin/etcd" --name "$NODE_NAME" --data-dir "$STATE/etcd" \
		--listen-client-urls http://127.0.0.1:2379 --advertise-client-urls http://127.0.0.1:2379 \
		--listen-peer-urls http://127.0.0.1:2380 --initial-advertise-peer-urls http://127.0.0.1:2380 \
		--initial-cluster "$NODE_NAME=http://127.0.0.1:2380" --listen-metrics-urls http://127.0.0.1:2381 \
		--quota-backend-bytes 2147483648 --snapshot-count 10000 --log-level warn \
		--unsafe-no-fsync
}

start_containerd() {
	mkdir -p "$STATE/containerd"
	start_bg containerd containerd --config "$STATE/containerd/config.toml"
}

start_apiserver() {
	local p=$STATE/pki
	start_bg kube-apiserver "$(kube_dir)/bin/kube-apiserver" \
		--etcd-servers=http://127.0.0.1:2379 \
		--bind-address=0.0.0.0 --secure-port=6443 --advertise-address="$NODE_IP" \
		--service-cluster-ip-range="$SERVICE_CIDR" \
		--client-ca-file="$p/ca.crt" --tls-cert-file="$p/apiserver.crt" --tls-private-key-file="$p/apiserver.key" \
		--kubelet-client-certificate="$p/apiserver-kubelet-client.crt" --kubelet-client-key="$p/apiserver-kubelet-client.key" \
		--kubelet-certificate-authority="$p/ca.crt" --kubelet-preferred-address-types=InternalIP \
		--service-account-issuer="https://kubernetes.default.svc.$CLUSTER_DOMAIN" \
		--service-account-key-file="$p/sa.pub" --service-account-signing-key-file="$p/sa.key" \
		--authorization-mode=Node,RBAC --allow-privileged=true --profiling=false \
		--enable-admission-plugins=NodeRestriction --event-ttl=1h \
		--requestheader-client-ca-file="$p/ca.crt" --requestheader-allowed-names=kubelab-front-proxy \
		--requestheader-username-headers=X-Remote-User --requestheader-group-headers=X-Remote-Group \
		--requestheader-extra-headers-prefix=X-Remote-Extra- \
		--cert-dir="$STATE/pki/apiserver-generated"
}

start_controller_manager() {
	local c=$STATE/config p=$STATE/pki
	start_bg kube-controller-manager "$(kube_dir)/bin/kube-controller-manager" \
		--kubeconfig="$c/controller-manager.kubeconfig" \
		--authentication-kubeconfig="$c/controller-manager.kubeconfig" \
		--authorization-kubeconfig="$c/controller-manager.kubeconfig" \
		--bind-address=127.0.0.1 --secure-port=10257 --leader-elect=false \
		--allocate-node-cidrs=true --cluster-cidr="$POD_CIDR" --node-cidr-mask-size=17 \
		--service-cluster-ip-range="$SERVICE_CIDR" \
		--root-ca-file="$p/ca.crt" --service-account-private-key-file="$p/sa.key" \
		--cluster-signing-cert-file="$p/ca.crt" --cluster-signing-key-file="$p/ca.key" \
		--use-service-account-credentials=true --controllers='*,-cloud-node-lifecycle' \
		--node-monitor-grace-period=20s --cert-dir="$STATE/pki/cm-generated"
}

start_scheduler() {
	local c=$STATE/config
	start_bg kube-scheduler "$(kube_dir)/bin/kube-scheduler" \
		--kubeconfig="$c/scheduler.kubeconfig" \
		--authentication-kubeconfig="$c/scheduler.kubeconfig" \
		--authorization-kubeconfig="$c/scheduler.kubeconfig" \
		--bind-address=127.0.0.1 --secure-port=10259 --leader-elect=false \
		--cert-dir="$STATE/pki/scheduler-generated"
}

start_kubelet() {
	mkdir -p "$STATE/kubelet"
	start_bg kubelet "$(kube_dir)/bin/kubelet" \
		--config="$STATE/config/kubelet.yaml" --kubeconfig="$STATE/config/kubelet.kubeconfig" \
		--root-dir="$STATE/kubelet" --cert-dir="$STATE/pki/kubelet-generated" \
		--hostname-override="$NODE_NAME" --node-ip="$NODE_IP" \
		--node-labels=kubelab.local/node=local
}

start_kube_proxy() {
	start_bg kube-proxy "$(kube_dir)/bin/kube-proxy" --config="$STATE/config/kube-proxy.yaml"
}

# The enforcer also enforces AdminNetworkPolicy (kubelab's workshop slices isolate learners with
# one), so its CRD goes in first; the enforcer's informer would otherwise retry until it exists.
start_network_policies() {
	local crds=$(netpol_dir)/crds
	ls "$crds"/*.yaml >/dev/null 2>&1 || die "no AdminNetworkPolicy CRD in $crds: run clusters/local/kubelab-local build"
	KUBECTL apply --server-side -f "$crds" >>"$STATE/logs/kubectl-apply.log" 2>&1 || {
		show_log kubectl-apply
		die "applying the AdminNetworkPolicy CRD failed"
	}
	# served only once Established: the enforcer's first list would 404 and back off otherwise
	KUBECTL wait --for=condition=Established --timeout=30s -f "$crds" >>"$STATE/logs/kubectl-apply.log" 2>&1 || {
		show_log kubectl-apply
		die "the AdminNetworkPolicy CRD was not established within 30 s"
	}
	start_bg kube-network-policies "$(netpol_dir)/bin/kube-network-policies" \
		--kubeconfig="$STATE/config/network-policies.kubeconfig" \
		--hostname-override="$NODE_NAME" --metrics-bind-address=127.0.0.1:9080 \
		--nfqueue-id=100 --netfilter-bug-1766-fix=false --admin-network-policy=true
}

# import_images NAME... — docker-archive tars from the build cache into containerd.
import_images() {
	local name n=0
	for name in "$@"; do
		CTR images import "$(images_dir)/$name.tar" >>"$STATE/logs/images.log" 2>&1 || {
			show_log images
			die "importing $(images_dir)/$name.tar into containerd failed"
		}
		n=$((n + 1))
	done
	log "images: $* imported into containerd (namespace k8s.io)"
}

apply_coredns() {
	sed -e "s#@DNS_SVC_IP@#$DNS_SVC_IP#g" -e "s#@CLUSTER_DOMAIN@#$CLUSTER_DOMAIN#g" \
		-e "s#@COREDNS_IMAGE@#$(prop coredns)#g" "$KL_HERE/manifests/coredns.yaml.in" >"$STATE/coredns.yaml"
	KUBECTL apply -f "$STATE/coredns.yaml" >>"$STATE/logs/kubectl-apply.log" 2>&1 || {
		show_log kubectl-apply
		die "applying CoreDNS manifests failed"
	}
}

cmd_up() {
	KL_T0=$(date +%s.%N)
	local timeout=${KUBELAB_UP_TIMEOUT:-180}
	require_linux_root
	if all_running && [ -f "$STATE/kubeconfig" ] && node_ready && coredns_ready; then
		log "already up (node $NODE_NAME Ready, CoreDNS ready)"
		echo "$STATE/kubeconfig"
		return 0
	fi
	# A busy port while none of our components runs: someone else's server (or a cluster
	# of another state dir). Touch nothing.
	if ! any_running; then
		local p busy=()
		for p in $PORTS; do port_busy "$p" && busy+=("$p"); done
		[ ${#busy[@]} -eq 0 ] || die "port(s) ${busy[*]} already in use by another program (not this cluster's state $STATE); 'ss -ltnp' shows who"
	fi
	# Anything left from an earlier run (processes, state, interfaces — e.g. after the
	# processes were killed from outside) is cleaned first, so every up starts fresh.
	if any_running || [ -e "$STATE" ] || ip link show "$CNI_BRIDGE" >/dev/null 2>&1 ||
		ip link show "$HOST_BRIDGE" >/dev/null 2>&1; then
		log "leftovers of an earlier run found: bringing it down first"
		cmd_down
		KL_T0=$(date +%s.%N)
	fi
	preflight
	mkdir -p "$STATE"/{bin,run,logs,config}
	ln -sfn "$(kube_dir)/bin/kube" "$STATE/bin/kubectl"
	cp "$(images_dir)/images.properties" "$STATE/images.properties"
	{
		echo "kubernetes=$KUBERNETES_VERSION"
		echo "etcd=$ETCD_VERSION"
		echo "coredns=$COREDNS_VERSION"
		echo "kube-network-policies=$NETPOL_VERSION"
		echo "containerd=$(dpkg-query -W -f='${Version}' containerd 2>/dev/null)"
		echo "runc=$(dpkg-query -W -f='${Version}' runc 2>/dev/null)"
		echo "containernetworking-plugins=$(dpkg-query -W -f='${Version}' containernetworking-plugins 2>/dev/null)"
	} >"$STATE/versions.properties"
	log "up: state $STATE"
	gen_pki
	net_up
	write_configs
	log "certificates, network and configs ready"

	start_etcd
	start_containerd
	wait_until etcd 60 "etcd healthy" curl -fsS http://127.0.0.1:2379/health
	start_apiserver
	wait_until containerd 60 "containerd serving" CTR version
	# pause and CoreDNS are on the critical path; the lesson images follow in the background.
	import_images pause coredns
	import_images busybox debug &
	local import_pid=$!
	wait_until kube-apiserver "$timeout" "kube-apiserver ready" apiserver_ready
	# (controller-manager and scheduler exit if started before the apiserver's RBAC
	# bootstrap is done, so they start only now)
	start_controller_manager
	start_scheduler
	start_kube_proxy
	start_network_policies
	start_kubelet
	apply_coredns
	wait_until kubelet "$timeout" "node $NODE_NAME Ready" node_ready
	wait_until kubelet "$timeout" "CoreDNS ready" coredns_ready
	wait_until kube-proxy "$timeout" "DNS answers via kube-dns $DNS_SVC_IP (kube-proxy path)" dns_answers_from_pod
	wait "$import_pid" || die "importing the lesson images failed; log: $STATE/logs/images.log"
	local c
	for c in $COMPONENTS; do
		pid_alive "$c" || {
			show_log "$c"
			die "$c is not running"
		}
	done
	log "up: cluster ready"
	echo "kubeconfig: $STATE/kubeconfig" >&2
	echo "kubectl:    $STATE/bin/kubectl --kubeconfig $STATE/kubeconfig" >&2
	echo "$STATE/kubeconfig"
}
