#!/usr/bin/env bash
# After `kubelab-local down`: assert that nothing of the cluster remains —
# no process, mount, bridge/veth interface, route, iptables/nftables rule or chain,
# and no state dir. Prints PASS/FAIL per check; exits non-zero on any FAIL.
set -euo pipefail

HERE=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
# shellcheck source=../versions.env
. "$HERE/versions.env"
STATE=${KUBELAB_LOCAL_STATE:-/var/lib/kubelab/local}
CACHE=${KUBELAB_CACHE:-/var/cache/kubelab}

PASSED=0 FAILED=0
pass() { PASSED=$((PASSED + 1)); printf 'PASS  %s\n' "$*"; }
fail() { FAILED=$((FAILED + 1)); printf 'FAIL  %s\n' "$*"; }
none() { # NAME OUTPUT — PASS when OUTPUT is empty
	if [ -z "$2" ]; then pass "$1"; else
		fail "$1"
		printf '%s\n' "$2" | head -n 20 | sed 's/^/    /'
	fi
}

# processes: our binaries, containerd/shims with our state dir, or anything whose
# command line names the state dir or the build cache binaries
procs=""
for pid in $(ls /proc | grep -E '^[0-9]+$'); do
	[ "$pid" = $$ ] && continue
	cmd=$(tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline") || continue
	[ -n "$cmd" ] || continue
	case "$cmd" in
	*leftovers.sh*) continue ;;
	esac
	if [[ $cmd == *"$STATE"* ]] || [[ $cmd == "$CACHE/"*"/bin/"* ]] || [[ $cmd == *containerd-shim* ]] ||
		[[ $cmd == *" $CACHE/images"* ]]; then
		procs+="$pid $cmd"$'\n'
	fi
done
none "no process of the cluster (kube*, etcd, containerd, shims, kube-network-policies)" "${procs%$'\n'}"

none "no mount under $STATE or /run/netns/cni-*" \
	"$(awk '{print $5}' /proc/self/mountinfo | grep -E "^($STATE(/|\$)|/run/netns/cni-|/var/run/netns/cni-)" || true)"
none "no network namespace file /run/netns/cni-*" "$(ls -d /run/netns/cni-* 2>/dev/null || true)"

none "no bridge $CNI_BRIDGE / $HOST_BRIDGE" \
	"$(ip -o link show 2>/dev/null | awk -F': ' '{print $2}' | cut -d@ -f1 | grep -xE "$CNI_BRIDGE|$HOST_BRIDGE|cni0|kube-ipvs0|dummy.*" || true)"
none "no veth interface" "$(ip -o link show type veth 2>/dev/null || true)"
none "no route for $SERVICE_CIDR / $POD_CIDR / $NODE_IP" \
	"$(ip route show 2>/dev/null | grep -E "^(${SERVICE_CIDR%/*}|${POD_CIDR%/*}|10\.244\.|$NODE_IP)" || true)"
none "no address $NODE_IP on any interface" "$(ip -o addr show 2>/dev/null | grep -F " $NODE_IP/" || true)"

ipt_left() {
	local ipt=$1 t
	for t in filter nat mangle raw security; do
		$ipt -w -t "$t" -S 2>/dev/null | grep -E '(KUBE-|CNI-|KUBELAB-|kubelab|10\.244\.|10\.96\.)' | sed "s/^/$ipt -t $t: /" || true
	done
}
none "no iptables rule or chain (KUBE-*, CNI-*, KUBELAB-*, pod/service CIDRs)" "$(ipt_left iptables)"
none "no ip6tables rule or chain (KUBE-*, CNI-*, KUBELAB-*)" "$(ipt_left ip6tables)"
if command -v iptables-legacy >/dev/null; then
	none "no iptables-legacy / ip6tables-legacy rule or chain of the cluster" "$(ipt_left iptables-legacy; ipt_left ip6tables-legacy)"
fi
none "no nftables table of kube-proxy / kube-network-policies" \
	"$(nft list tables 2>/dev/null | grep -E 'kube-proxy|kube-network-policies|kubelab' || true)"
none "no nftables rule mentioning the cluster (chains, NFQUEUE, CIDRs)" \
	"$(nft list ruleset 2>/dev/null | grep -E 'KUBE-|CNI-|KUBELAB-|queue num|10\.244\.|10\.96\.' || true)"

none "no CNI result cache entry /var/lib/cni/results/kubelab-*" "$(ls /var/lib/cni/results/kubelab-* 2>/dev/null || true)"
none "no containerd shim socket or runc state left in /run/containerd" \
	"$(find /run/containerd/s /run/containerd/runc/k8s.io -mindepth 1 -maxdepth 1 2>/dev/null || true)"
none "no /var/log/containers link to a cluster pod log" \
	"$(find /var/log/containers -maxdepth 1 -type l 2>/dev/null || true)"
none "no state dir $STATE" "$(ls -d "$STATE" 2>/dev/null || true)"

echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
