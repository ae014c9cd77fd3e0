# shellcheck shell=bash
# `kubelab-local down`: stop everything `up` started and remove what it created.
# Safe to run any number of times, and after a crash (works from /proc, mountinfo,
# ip and iptables, not only from pid files).

# Executables clusters/local starts (their real paths).
our_exes() {
	readlink -f "$(KUBE_BIN)" 2>/dev/null || true
	readlink -f "$(etcd_dir)/bin/etcd" 2>/dev/null || true
	readlink -f "$(netpol_dir)/bin/kube-network-policies" 2>/dev/null || true
	readlink -f "$(command -v containerd 2>/dev/null || echo /usr/bin/containerd)" 2>/dev/null || true
	readlink -f "$(command -v containerd-shim-runc-v2 2>/dev/null || echo /usr/bin/containerd-shim-runc-v2)" 2>/dev/null || true
}

# Pids of processes running one of our executables with our state dir in argv.
our_pids() {
	local exes pid
	exes=$(our_exes | sort -u | tr '\n' ' ')
	# one `ls` instead of a readlink per process: fast even with hundreds of processes
	for pid in $(ls -l /proc/[0-9]*/exe 2>/dev/null | awk -v exes=" $exes" '
		{ d = ($NF == "(deleted)") ? 1 : 0; t = $(NF-d); split($(NF-2-d), a, "/")
		  if (index(exes, " " t " ")) print a[3] }'); do
		[ "$pid" = $$ ] && continue
		tr '\0' '\n' 2>/dev/null <"/proc/$pid/cmdline" | grep -qF "$STATE" && echo "$pid"
	done
	return 0
}

# any_running PID... — whether one of the processes still runs (a zombie has released everything: it does not).
any_running() {
	local pid
	for pid in "$@"; do
		[ -d "/proc/$pid" ] && [ "$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null)" != Z ] && return 0
	done
	return 1
}

# wait_gone TENTHS PID... — wait up to TENTHS tenths of a second until none of the processes runs.
wait_gone() {
	local tenths=$1 i
	shift
	for ((i = 0; i < tenths; i++)); do
		any_running "$@" || return 0
		sleep 0.1
	done
	! any_running "$@"
}

# stop_components GRACE_SECONDS NAME... — SIGTERM all, wait, then SIGKILL stragglers.
stop_components() {
	local grace=$1 name pid
	shift
	local -A pids=()
	for name in "$@"; do
		if pid_alive "$name"; then
			pid=$(cat "$(pidfile "$name")")
			pids[$name]=$pid
			kill -TERM "$pid" 2>/dev/null || true
		fi
		rm -f "$(pidfile "$name")"
	done
	[ ${#pids[@]} -gt 0 ] || return 0
	if ! wait_gone $((grace * 10)) "${pids[@]}"; then
		for name in "${!pids[@]}"; do
			if any_running "${pids[$name]}"; then
				kill -KILL "${pids[$name]}" 2>/dev/null || true
				log "killed $name (pid ${pids[$name]}) after ${grace}s"
			fi
		done
		# A SIGKILLed process keeps its listening sockets until the kernel has torn it down:
		# wait (<= 5 s) so that a port check right after this sees the port free.
		wait_gone 50 "${pids[@]}" || true
	fi
	log "stopped ${!pids[*]}"
}

kill_containers() {
	[ -S "$(ctr_sock)" ] && pid_alive containerd || return 0
	local ids id n=0
	ids=$(CTR tasks ls -q 2>/dev/null || true)
	for id in $ids; do
		CTR tasks kill --all --signal SIGKILL "$id" >/dev/null 2>&1 || true
		n=$((n + 1))
	done
	if [ "$n" -gt 0 ]; then
		sleep 0.5
		for id in $ids; do CTR tasks delete --force "$id" >/dev/null 2>&1 || true; done
		log "killed $n container task(s)"
	fi
}

# Processes left in containers whose shim died (cgroups named after containerd ids).
kill_orphan_container_procs() {
	local root=$STATE/containerd/state/io.containerd.runtime.v2.task/k8s.io d pids
	[ -d "$root" ] || return 0
	for d in "$root"/*/; do
		[ -f "$d/init.pid" ] || continue
		pids=$(cat "$d/init.pid" 2>/dev/null || true)
		[ -n "$pids" ] && kill -KILL "$pids" 2>/dev/null || true
	done
}

unmount_ours() { # [state-only]
	local m n=0 i re="^($STATE(/|$)|/run/netns/cni-|/var/run/netns/cni-)"
	[ "${1:-}" = state-only ] && re="^$STATE(/|$)"
	for i in 1 2 3; do
		# mount points, deepest first
		local mounts
		mounts=$(awk '{print $5}' /proc/self/mountinfo | sed 's/\\040/ /g' |
			grep -E "$re" | awk '{print length, $0}' | sort -rn | cut -d' ' -f2- || true)
		[ -n "$mounts" ] || break
		while IFS= read -r m; do
			[ -n "$m" ] || continue
			umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || true
			n=$((n + 1))
		done <<<"$mounts"
	done
	[ "${1:-}" = state-only ] || rm -f /run/netns/cni-* 2>/dev/null || true
	[ "$n" -gt 0 ] && log "unmounted $n mount(s)"
	return 0
}

net_down() {
	local l
	# veths on the CNI bridge (normally gone with their network namespaces)
	for l in $(ip -o link show master "$CNI_BRIDGE" 2>/dev/null | awk -F': ' '{print $2}' | cut -d@ -f1); do
		ip link del "$l" 2>/dev/null || true
	done
	ip link del "$CNI_BRIDGE" 2>/dev/null && log "deleted bridge $CNI_BRIDGE" || true
	ip link del "$HOST_BRIDGE" 2>/dev/null && log "deleted bridge $HOST_BRIDGE (and the service/pod CIDR routes)" || true
	ip route del "$SERVICE_CIDR" 2>/dev/null || true
	ip route del "$POD_CIDR" 2>/dev/null || true
}

# Remove every chain named KUBE-*, CNI-*, KUBELAB-* and the rules that jump to them.
ipt_cleanup() {
	local ipt=$1 t rules r c chains n=0
	for t in filter nat mangle raw security; do
		rules=$($ipt -w -t "$t" -S 2>/dev/null) || continue
		while IFS= read -r r; do
			[ -n "$r" ] || continue
			eval "$ipt -w -t $t ${r/#-A/-D}" 2>/dev/null && n=$((n + 1)) || true
		done < <(grep -E '^-A [A-Z]+ .*-j (KUBE-|CNI-|KUBELAB-)' <<<"$rules" | grep -vE '^-A (KUBE-|CNI-|KUBELAB-)' || true)
		chains=$(awk '/^-N (KUBE-|CNI-|KUBELAB-)/ {print $2}' <<<"$rules")
		for c in $chains; do $ipt -w -t "$t" -F "$c" 2>/dev/null || true; done
		for c in $chains; do $ipt -w -t "$t" -X "$c" 2>/dev/null && n=$((n + 1)) || true; done
	done
	[ "$n" -gt 0 ] && log "$ipt: removed $n rule(s)/chain(s)"
	return 0
}

nft_cleanup() {
	local fam name fam_name
	# -dnscache: the enforcer's DNS agent (AdminNetworkPolicy mode) leaves its table when it stops
	for fam_name in "inet kube-network-policies" "inet kube-network-policies-dnscache" "ip kube-proxy" "ip6 kube-proxy"; do
		# shellcheck disable=SC2086
		nft list table $fam_name >/dev/null 2>&1 && nft delete table $fam_name && log "nft: deleted table $fam_name"
	done
	# Tables iptables-nft created for this run (absent before `up`) and now empty.
	if [ -f "$STATE/run/nft-tables.before" ]; then
		while read -r _ fam name; do
			[ -n "$name" ] || continue
			grep -qx "table $fam $name" "$STATE/run/nft-tables.before" && continue
			nft list table "$fam" "$name" 2>/dev/null | grep -vE '^\s*(table |chain |type |\}|#|$)' | grep -q . && continue
			nft delete table "$fam" "$name" 2>/dev/null || true
		done < <(nft list tables 2>/dev/null)
	fi
	return 0
}

# Our entries in machine-wide directories; the directories themselves when `up` created them.
global_dirs_cleanup() {
	local d f n=0
	rm -f /var/lib/cni/results/kubelab-* 2>/dev/null || true
	for f in /var/log/containers/*; do
		[ -L "$f" ] || continue
		case "$(readlink "$f")" in "$STATE"/* | /var/log/pods/*) rm -f "$f" ;; esac
	done
	# shim sockets of shims that are gone (ours are all killed by now)
	for f in /run/containerd/s/*; do
		[ -S "$f" ] || continue
		ss -xlH 2>/dev/null | grep -qF "$f" || rm -f "$f"
	done
	[ -f "$STATE/run/dirs.before" ] || return 0
	for d in $GLOBAL_DIRS; do
		grep -qxF "$d" "$STATE/run/dirs.before" && continue
		[ -e "$d" ] || continue
		if [ "$d" = /run/netns ]; then
			rmdir "$d" 2>/dev/null && n=$((n + 1))
		else
			rm -rf --one-file-system "$d" && n=$((n + 1))
		fi
	done
	[ "$n" -gt 0 ] && log "removed $n directory(ies) that up had created ($GLOBAL_DIRS)"
	return 0
}

restore_sysctl() {
	local f=$STATE/run/sysctl.saved kv
	[ -f "$f" ] || return 0
	while IFS= read -r kv; do
		[ -n "${kv#*=}" ] && sysctl -q -w "$kv" 2>/dev/null || true
	done <"$f"
}

cmd_down() {
	require_linux_root
	local t0
	t0=$(date +%s.%N)
	log "down: state $STATE"
	# kubelet first so it restarts nothing; the enforcer removes its nftables table on SIGTERM.
	stop_components 10 kubelet kube-network-policies kube-proxy kube-scheduler kube-controller-manager
	kill_containers
	# the apiserver before etcd: without etcd its graceful shutdown stalls until SIGKILL
	stop_components 10 kube-apiserver
	stop_components 10 etcd containerd
	kill_orphan_container_procs
	local pids
	pids=$(our_pids)
	if [ -n "$pids" ]; then
		# shellcheck disable=SC2086
		kill -KILL $pids 2>/dev/null || true
		log "killed leftover process(es): $(echo $pids)"
		sleep 0.3
	fi
	# ours are stopped by now; a port still served a few seconds later belongs to someone else
	local i
	for ((i = 0; i < 30; i++)); do
		port_busy 6443 || port_busy 10250 || break
		sleep 0.2
	done
	if port_busy 6443 || port_busy 10250; then
		# Not ours (ours are stopped by now): another cluster, maybe of another state dir.
		# Network namespaces, interfaces and iptables rules are machine-wide: leave them alone.
		log "down: ports 6443/10250 are served by another program; cleaning only $STATE"
		unmount_ours state-only
		rm -rf --one-file-system "$STATE"
		return 0
	fi
	unmount_ours
	net_down
	# kube-proxy's own cleanup first (it knows its iptables chains), then ours.
	if [ -x "$(kube_dir)/bin/kube-proxy" ]; then
		"$(kube_dir)/bin/kube-proxy" --cleanup >/dev/null 2>&1 || true
	fi
	ipt_cleanup iptables
	ipt_cleanup ip6tables
	# Nothing here uses the legacy backend, but clean it too if a tool did.
	command -v iptables-legacy >/dev/null && grep -q . /proc/net/ip_tables_names 2>/dev/null && ipt_cleanup iptables-legacy
	command -v ip6tables-legacy >/dev/null && grep -q . /proc/net/ip6_tables_names 2>/dev/null && ipt_cleanup ip6tables-legacy
	nft_cleanup
	conntrack -D -s "$POD_CIDR" >/dev/null 2>&1 || true
	conntrack -D -d "$POD_CIDR" >/dev/null 2>&1 || true
	conntrack -D -d "$SERVICE_CIDR" >/dev/null 2>&1 || true
	restore_sysctl
	global_dirs_cleanup
	if [ -d "$STATE" ]; then
		if [ -d "$STATE/logs" ]; then
			rm -rf "$CACHE/logs/last-run"
			mkdir -p "$CACHE/logs"
			cp -r "$STATE/logs" "$CACHE/logs/last-run" 2>/dev/null || true
		fi
		rm -rf --one-file-system "$STATE"
	fi
	log "down: done in $(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN{printf "%.1fs", b-a}') (logs of this run kept in $CACHE/logs/last-run)"
}
