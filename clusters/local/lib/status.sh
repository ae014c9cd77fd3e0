# shellcheck shell=bash
# `kubelab-local status`: exit 0 when up and Ready, 3 when down, 1 when partly up.

cmd_status() {
	local c n_alive=0 n=0 pid state
	[ "$(uname -s)" = Linux ] || die "clusters/local runs only on Linux"
	echo "state dir:  $STATE"
	echo "build cache: $CACHE"
	echo "versions:   kubernetes $KUBERNETES_VERSION, etcd $ETCD_VERSION, coredns $COREDNS_VERSION, kube-network-policies $NETPOL_VERSION," \
		"containerd $(dpkg-query -W -f='${Version}' containerd 2>/dev/null || echo '?')"
	printf '%-26s %-8s %-6s %s\n' COMPONENT PID ALIVE LOG
	for c in $COMPONENTS; do
		n=$((n + 1))
		pid=$(cat "$(pidfile "$c")" 2>/dev/null || echo -)
		if pid_alive "$c"; then
			state=yes
			n_alive=$((n_alive + 1))
		else
			state=no
		fi
		printf '%-26s %-8s %-6s %s\n' "$c" "$pid" "$state" "$STATE/logs/$c.log"
	done
	if [ "$n_alive" -eq 0 ]; then
		echo "cluster:    down"
		return 3
	fi
	echo "kubeconfig: $STATE/kubeconfig"
	echo "kubectl:    $STATE/bin/kubectl"
	echo "images:     $STATE/images.properties"
	if [ "$n_alive" -eq "$n" ] && [ "$(id -u)" = 0 ] && node_ready 2>/dev/null; then
		echo "cluster:    up, node $NODE_NAME Ready"
		return 0
	fi
	echo "cluster:    partly up ($n_alive/$n components running) or node not Ready"
	return 1
}
