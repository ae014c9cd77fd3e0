#!/usr/bin/env bash
# Conformance smoke for clusters/local: proves the cluster behaves like kind for
# what kubelab's lessons teach. Runs against the running cluster with the kubectl
# built from source. Prints PASS/FAIL per check and exits non-zero on any FAIL.
#
#   clusters/local/test/smoke.sh            (after `kubelab-local up`)
#
# Env: KUBELAB_LOCAL_STATE (default /var/lib/kubelab/local), KUBECTL, KUBECONFIG,
#      SMOKE_KEEP=1 keeps the namespaces for inspection.
# DNS checks use glibc `getent hosts` from the debug image (it applies the search
# list to dotted names, as kind's pods do); busybox nslookup would not.
set -euo pipefail

STATE=${KUBELAB_LOCAL_STATE:-/var/lib/kubelab/local}
KUBECTL_BIN=${KUBECTL:-$STATE/bin/kubectl}
export KUBECONFIG=${KUBECONFIG:-$STATE/kubeconfig}
PROPS=$STATE/images.properties
[ -x "$KUBECTL_BIN" ] || { echo "smoke: no kubectl at $KUBECTL_BIN — is the cluster up? (kubelab-local up)" >&2; exit 2; }
[ -f "$PROPS" ] || { echo "smoke: no $PROPS — is the cluster up?" >&2; exit 2; }
BUSYBOX=$(sed -n 's/^busybox=//p' "$PROPS")
DEBUG=$(sed -n 's/^debug=//p' "$PROPS")

A=kl-smoke-a     # server namespace
B=kl-smoke-b     # client namespace, labelled kubelab-smoke/role=client
DOMAIN=cluster.local
k() { "$KUBECTL_BIN" "$@"; }

PASSED=0 FAILED=0
T0=$(date +%s)
pass() { PASSED=$((PASSED + 1)); printf 'PASS  %s\n' "$*"; }
fail() { FAILED=$((FAILED + 1)); printf 'FAIL  %s\n' "$*"; }
# check NAME CMD... — PASS if CMD succeeds.
check() { local n=$1; shift; if "$@"; then pass "$n"; else fail "$n"; fi; }

PF_PIDS=()
cleanup() {
	local p
	for p in "${PF_PIDS[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done
	if [ "${SMOKE_KEEP:-0}" != 1 ]; then
		k delete ns "$A" "$B" --ignore-not-found --wait=true --timeout=90s >/dev/null 2>&1 || true
	fi
}
trap cleanup EXIT

ex() { local ns=$1 pod=$2; shift 2; k -n "$ns" exec "$pod" -- "$@"; }

echo "smoke: cluster $(k config view --minify -o 'jsonpath={.clusters[0].cluster.server}'), images busybox=$BUSYBOX debug=$DEBUG"
k delete ns "$A" "$B" --ignore-not-found --wait=true --timeout=90s >/dev/null
k create ns "$A" >/dev/null
k create ns "$B" >/dev/null
k label ns "$B" kubelab-smoke/role=client >/dev/null

k apply -f - >/dev/null <<EOF
apiVersion: v1
kind: Pod
metadata: {name: httpd, namespace: $A, labels: {app: httpd}}
spec:
  terminationGracePeriodSeconds: 1
  containers:
  - name: httpd
    image: $BUSYBOX
    command: [sh, -c, "mkdir -p /www && echo hello-from-httpd > /www/index.html && exec httpd -f -p 8080 -h /www"]
    ports: [{containerPort: 8080}]
    readinessProbe: {tcpSocket: {port: 8080}, periodSeconds: 1}
---
apiVersion: v1
kind: Service
metadata: {name: httpd, namespace: $A}
spec:
  selector: {app: httpd}
  ports: [{port: 80, targetPort: 8080}]
---
apiVersion: v1
kind: Service
metadata: {name: web-headless, namespace: $A}
spec:
  clusterIP: None
  selector: {app: web}
  ports: [{port: 8080}]
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: web, namespace: $A}
spec:
  serviceName: web-headless
  replicas: 2
  podManagementPolicy: Parallel
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      terminationGracePeriodSeconds: 1
      containers:
      - name: web
        image: $BUSYBOX
        command: [sh, -c, "mkdir -p /www && hostname > /www/index.html && exec httpd -f -p 8080 -h /www"]
        readinessProbe: {tcpSocket: {port: 8080}, periodSeconds: 1}
---
apiVersion: v1
kind: Pod
metadata: {name: client, namespace: $A}
spec:
  terminationGracePeriodSeconds: 1
  containers: [{name: debug, image: $DEBUG, command: [sleep, "3600"]}]
---
apiVersion: v1
kind: Pod
metadata: {name: bb, namespace: $B}
spec:
  terminationGracePeriodSeconds: 1
  containers: [{name: busybox, image: $BUSYBOX, command: [sleep, "3600"]}]
---
apiVersion: v1
kind: Pod
metadata: {name: client, namespace: $B}
spec:
  terminationGracePeriodSeconds: 1
  containers: [{name: debug, image: $DEBUG, command: [sleep, "3600"]}]
EOF
k -n "$A" wait --for=condition=Ready pod/httpd pod/client --timeout=120s >/dev/null
k -n "$B" wait --for=condition=Ready pod/client pod/bb --timeout=120s >/dev/null
k -n "$A" rollout status statefulset/web --timeout=120s >/dev/null
echo "smoke: workloads ready after $(($(date +%s) - T0))s"

HTTPD_IP=$(k -n "$A" get pod httpd -o 'jsonpath={.status.podIP}')
SVC_IP=$(k -n "$A" get svc httpd -o 'jsonpath={.spec.clusterIP}')
WEB0_IP=$(k -n "$A" get pod web-0 -o 'jsonpath={.status.podIP}')
WEB1_IP=$(k -n "$A" get pod web-1 -o 'jsonpath={.status.podIP}')

# 1. pod IPs from the pod CIDR
ips_in_pod_cidr() {
	local ip ok=0
	for ip in $(k get pods -A -o 'jsonpath={range .items[?(@.spec.hostNetwork!=true)]}{.status.podIP}{"\n"}{end}'); do
		[[ $ip =~ ^10\.244\.([0-9]+)\.([0-9]+)$ ]] || { echo "  pod IP $ip not in 10.244.0.0/16"; ok=1; }
	done
	return $ok
}
check "pod IPs come from the pod CIDR 10.244.0.0/16 (httpd=$HTTPD_IP)" ips_in_pod_cidr

# 2. pod-to-pod across namespaces
http_get() { # ns pod url expect
	local out
	out=$(ex "$1" "$2" curl -sS -m 4 "$3" 2>&1) || { echo "  $out"; return 1; }
	[ "$out" = "$4" ] || { echo "  got: $out"; return 1; }
}
check "pod-to-pod across namespaces: $B/client -> $A/httpd $HTTPD_IP:8080 (TCP, busybox httpd)" \
	http_get "$B" client "http://$HTTPD_IP:8080/" hello-from-httpd

# 3. ClusterIP through kube-proxy
has_kube_proxy_rule() { iptables -w -t nat -S KUBE-SERVICES 2>/dev/null | grep -q -- "-d $SVC_IP/32 .*dport 80"; }
check "kube-proxy programmed ClusterIP $SVC_IP:80 (iptables KUBE-SERVICES)" has_kube_proxy_rule
check "ClusterIP reached through kube-proxy: $B/client -> $SVC_IP:80" \
	http_get "$B" client "http://$SVC_IP/" hello-from-httpd

# 4. DNS (glibc getent hosts in the debug image)
resolves_to() { # ns pod name expected-ip
	local out
	out=$(ex "$1" "$2" getent hosts "$3" 2>&1) || { echo "  getent hosts $3: exit $? $out"; return 1; }
	awk '{print $1}' <<<"$out" | grep -qx "$4" || { echo "  got: $out"; return 1; }
}
does_not_resolve() { # ns pod name
	local out
	if out=$(ex "$1" "$2" getent hosts "$3" 2>&1); then echo "  unexpectedly resolved: $out"; return 1; fi
	return 0
}
check "DNS short name 'httpd' from $A (getent hosts, glibc)" resolves_to "$A" client httpd "$SVC_IP"
check "DNS 'httpd.$A' from $B (getent hosts, glibc)" resolves_to "$B" client "httpd.$A" "$SVC_IP"
check "DNS FQDN 'httpd.$A.svc.$DOMAIN' from $B (getent hosts, glibc)" resolves_to "$B" client "httpd.$A.svc.$DOMAIN" "$SVC_IP"
check "DNS short name 'httpd' from another namespace ($B) fails (getent hosts, glibc)" does_not_resolve "$B" client httpd
check "DNS of a name outside the cluster fails (no upstream forwarding)" does_not_resolve "$B" client kubelab-nonexistent.example

busybox_wget() { # busybox image: wget by Service name (busybox 1.35's `wget -T` segfaults; use timeout)
	local out
	out=$(ex "$B" bb timeout 5 wget -qO- "http://httpd.$A/" 2>&1) || { echo "  $out"; return 1; }
	[ "$out" = hello-from-httpd ] || { echo "  got: $out"; return 1; }
}
check "busybox image: wget http://httpd.$A/ from $B (Service by name)" busybox_wget

# 5. resolv.conf
resolv_ok() {
	local rc
	rc=$(ex "$A" client cat /etc/resolv.conf)
	grep -qE "^search $A\.svc\.$DOMAIN svc\.$DOMAIN $DOMAIN\$" <<<"$rc" &&
		grep -qE '^options .*ndots:5' <<<"$rc" &&
		grep -qE '^nameserver 10\.96\.0\.10$' <<<"$rc" || { echo "$rc" | sed 's/^/  /'; return 1; }
}
check "pod resolv.conf: search $A.svc.$DOMAIN svc.$DOMAIN $DOMAIN, options ndots:5, nameserver 10.96.0.10" resolv_ok

# 6. headless Service returns the pod IPs
headless_ok() {
	local got want
	got=$(ex "$B" client getent ahostsv4 "web-headless.$A.svc.$DOMAIN" | awk '{print $1}' | sort -u | tr '\n' ' ')
	want=$(printf '%s\n' "$WEB0_IP" "$WEB1_IP" | sort -u | tr '\n' ' ')
	[ "$got" = "$want" ] || { echo "  got '$got' want '$want'"; return 1; }
}
check "headless Service web-headless.$A returns the pod IPs ($WEB0_IP $WEB1_IP)" headless_ok

# 7. StatefulSet pod DNS
check "StatefulSet pod DNS web-0.web-headless.$A.svc.$DOMAIN -> $WEB0_IP" \
	resolves_to "$B" client "web-0.web-headless.$A.svc.$DOMAIN" "$WEB0_IP"

# 8. port-forward to a pod and to a Service
free_port() { local p; for p in $(seq "$1" $(($1 + 50))); do ss -ltnH "sport = :$p" | grep -q . || { echo "$p"; return; }; done; }
port_forward_ok() { # target remote-port expect
	local lp pid out i
	lp=$(free_port 18080)
	k -n "$A" port-forward "$1" "$lp:$2" >/tmp/kl-smoke-pf.$$ 2>&1 &
	pid=$!
	PF_PIDS+=("$pid")
	for i in $(seq 50); do grep -q Forwarding /tmp/kl-smoke-pf.$$ 2>/dev/null && break; sleep 0.2; done
	out=$(curl -sS -m 5 "http://127.0.0.1:$lp/" 2>&1) || true
	kill "$pid" 2>/dev/null || true
	wait "$pid" 2>/dev/null || true
	rm -f /tmp/kl-smoke-pf.$$
	[ "$out" = "$3" ] || { echo "  got: $out"; return 1; }
}
check "kubectl port-forward pod/httpd, curl 127.0.0.1" port_forward_ok pod/httpd 8080 hello-from-httpd
check "kubectl port-forward svc/httpd, curl 127.0.0.1" port_forward_ok svc/httpd 80 hello-from-httpd

# 9. NetworkPolicy: deny-all ingress blocks, a namespace selector allows
blocked() { # ns pod url
	local out
	if out=$(ex "$1" "$2" curl -sS -m 3 "$3" 2>&1); then echo "  connection succeeded: $out"; return 1; fi
	return 0
}
k apply -f - >/dev/null <<EOF
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-all-ingress, namespace: $A}
spec:
  podSelector: {}
  policyTypes: [Ingress]
EOF
sleep 2
check "NetworkPolicy deny-all ingress in $A blocks $B/client -> httpd $HTTPD_IP:8080" blocked "$B" client "http://$HTTPD_IP:8080/"
k apply -f - >/dev/null <<EOF
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: allow-from-clients, namespace: $A}
spec:
  podSelector: {matchLabels: {app: httpd}}
  policyTypes: [Ingress]
  ingress:
  - from:
    - namespaceSelector: {matchLabels: {kubelab-smoke/role: client}}
    ports: [{port: 8080, protocol: TCP}]
EOF
sleep 2
check "NetworkPolicy namespaceSelector allows $B (labelled) -> httpd" http_get "$B" client "http://$HTTPD_IP:8080/" hello-from-httpd
check "NetworkPolicy namespaceSelector still blocks $A/client (namespace not labelled) -> httpd" blocked "$A" client "http://$HTTPD_IP:8080/"

# 10. network hygiene: nothing addressed to or from the cluster left the machine.
# KUBELAB-GUARD (mangle POSTROUTING) drops and counts any packet to/from a cluster address
# that routing sent to an interface other than lo and the cluster's bridges; it must stay 0.
# KUBELAB-EGRESS rejects pod packets that would be forwarded off the bridge (e.g. to a
# Service IP before kube-proxy programmed it, or to the internet); those are stopped on
# this machine by design, so their count is only reported.
guard_zero() {
	local dropped rejected
	iptables -w -t mangle -S KUBELAB-GUARD >/dev/null 2>&1 || { echo "  KUBELAB-GUARD chain missing"; return 1; }
	dropped=$(iptables -w -t mangle -L KUBELAB-GUARD -v -x -n 2>/dev/null | awk '$3=="DROP" {s+=$1} END {print s+0}')
	rejected=$(iptables -w -L KUBELAB-EGRESS -v -x -n 2>/dev/null | awk '$3=="REJECT" {s+=$1} END {print s+0}')
	echo "  (info: $rejected pod packet(s) rejected on this machine by KUBELAB-EGRESS since up)"
	[ "$dropped" = 0 ] || { echo "  KUBELAB-GUARD dropped $dropped packet(s) that routing sent off the machine"; return 1; }
}
check "no cluster packet was routed off the machine (KUBELAB-GUARD counter is 0)" guard_zero

echo "smoke: finished in $(($(date +%s) - T0))s"
echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
