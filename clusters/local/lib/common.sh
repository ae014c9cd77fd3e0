# shellcheck shell=bash
# Shared helpers for kubelab-local. Sourced, never executed.

CACHE=${KUBELAB_CACHE:-/var/cache/kubelab}
STATE=${KUBELAB_LOCAL_STATE:-/var/lib/kubelab/local}
export GOMODCACHE=$CACHE/go/mod
export GOCACHE=$CACHE/go/build
export GOFLAGS=-mod=mod
export GOTOOLCHAIN=local
export CGO_ENABLED=0

KL_T0=${KL_T0:-$(date +%s.%N)}

elapsed() { awk -v a="$KL_T0" -v b="$(date +%s.%N)" 'BEGIN{printf "%6.1fs", b-a}'; }
log() { printf '[kubelab-local %s] %s\n' "$(elapsed)" "$*" >&2; }
die() { printf 'kubelab-local: error: %s\n' "$*" >&2; exit "${KL_EXIT:-1}"; }

# show_log COMPONENT — used when a component fails to start.
show_log() {
	local f=$STATE/logs/$1.log
	printf 'kubelab-local: %s failed; log: %s (last lines follow)\n' "$1" "$f" >&2
	[ -f "$f" ] && tail -n 25 "$f" | sed 's/^/    /' >&2
	return 0
}

require_linux_root() {
	[ "$(uname -s)" = Linux ] || die "clusters/local runs only on Linux (this is $(uname -s))"
	[ "$(id -u)" = 0 ] || die "clusters/local must run as root (it runs containerd, kubelet and edits iptables)"
}

require_tools() {
	local missing=() t
	for t in "$@"; do command -v "$t" >/dev/null 2>&1 || missing+=("$t"); done
	[ ${#missing[@]} -eq 0 ] || die "missing tool(s): ${missing[*]} — run '$KL_SELF build' first (it installs them with apt-get)"
}

# Output locations of the built components, keyed by version.
kube_dir() { echo "$CACHE/kubernetes-$KUBERNETES_VERSION"; }
etcd_dir() { echo "$CACHE/etcd-$ETCD_VERSION"; }
coredns_dir() { echo "$CACHE/coredns-$COREDNS_VERSION"; }
netpol_dir() { echo "$CACHE/kube-network-policies-$NETPOL_VERSION"; }
pause_dir() { echo "$CACHE/pause-$PAUSE_VERSION"; }
images_dir() { echo "$CACHE/images"; }

KUBE_BIN() { echo "$(kube_dir)/bin/kube"; }

pidfile() { echo "$STATE/run/$1.pid"; }

# pid_alive COMPONENT — true if the recorded pid runs one of our binaries.
pid_alive() {
	local f pid
	f=$(pidfile "$1")
	[ -f "$f" ] || return 1
	pid=$(cat "$f" 2>/dev/null) || return 1
	[ -n "$pid" ] && [ -d "/proc/$pid" ] || return 1
	# Guard against pid reuse: the process must have been started with our state dir.
	tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline" | grep -q -- "$STATE" || return 1
}

port_busy() { ss -ltnH "sport = :$1" 2>/dev/null | grep -q .; }

KUBECTL() { "$STATE/bin/kubectl" --kubeconfig "$STATE/kubeconfig" "$@"; }
