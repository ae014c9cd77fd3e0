# shellcheck shell=bash
# `kubelab-local build`: Debian dependencies, Go components, images. Idempotent and cached.

apt_install_missing() {
	local missing=() p
	# shellcheck disable=SC2086
	for p in $APT_PACKAGES; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
	done
	if [ ${#missing[@]} -eq 0 ]; then
		log "debian packages: present"
		return 0
	fi
	log "debian packages: installing ${missing[*]}"
	mkdir -p "$CACHE/logs"
	{
		apt-get update -q &&
			DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
	} >"$CACHE/logs/apt.log" 2>&1 </dev/null || {
		tail -n 20 "$CACHE/logs/apt.log" >&2
		die "apt-get install failed; log: $CACHE/logs/apt.log"
	}
	# Debian's containerd package may have started a system containerd (when an init
	# system is present); clusters/local runs its own with its own config.
	log "debian packages: installed"
}

check_go() {
	command -v go >/dev/null 2>&1 || die "go is missing (need go >= $GO_MIN_VERSION on PATH)"
	local v
	v=$(go env GOVERSION | sed 's/^go//')
	if ! printf '%s\n%s\n' "$GO_MIN_VERSION" "$v" | sort -V -C; then
		die "go $v is too old; need >= $GO_MIN_VERSION"
	fi
}

# Hash of everything that determines a component's output.
inputs_hash() { # dir extra...
	local d=$1
	shift
	{
		printf '%s\n' "$@" "$(go env GOVERSION)"
		find "$d" -maxdepth 1 -type f \( -name '*.go' -o -name 'go.mod' -o -name 'go.sum' -o -name '*.in' \) -print0 |
			sort -z | xargs -0 sha256sum | sed "s#$d/##"
	} | sha256sum | cut -c1-16
}

# go_build NAME OUTDIR HASH WORKDIR PKG LDFLAGS TAGS — builds OUTDIR/bin/NAME unless OUTDIR/.key == HASH.
go_build() {
	local name=$1 out=$2 key=$3 work=$4 pkg=$5 ldflags=$6 tags=$7
	if [ -x "$out/bin/$name" ] && [ "$(cat "$out/.key" 2>/dev/null)" = "$key" ]; then
		log "$name: cached ($out/bin/$name)"
		return 0
	fi
	local blog=$CACHE/logs/build-$name.log t0 pid n
	log "$name: building (log: $blog)"
	mkdir -p "$out/bin" "$CACHE/logs"
	t0=$(date +%s)
	local timer=()
	[ -x /usr/bin/time ] && timer=(/usr/bin/time -f "%e %U %S" -o "$out/.build-times")
	(cd "$work" && exec "${timer[@]}" go build -v -trimpath ${tags:+-tags "$tags"} -ldflags "$ldflags" -o "$out/bin/$name.tmp" "$pkg") >"$blog" 2>&1 </dev/null &
	pid=$!
	local next=$((t0 + 60))
	while kill -0 "$pid" 2>/dev/null; do
		sleep 1
		if [ "$(date +%s)" -ge "$next" ]; then
			n=$(($(date +%s) - t0))
			log "$name: still building, $((n / 60)) min, $(wc -l <"$blog") packages compiled so far"
			next=$((next + 60))
		fi
	done
	if ! wait "$pid"; then
		tail -n 30 "$blog" >&2
		die "$name: go build failed; log: $blog"
	fi
	mv -f "$out/bin/$name.tmp" "$out/bin/$name"
	echo "$key" >"$out/.key"
	echo "$(($(date +%s) - t0))" >"$out/.build-seconds"
	local cpu=""
	[ -f "$out/.build-times" ] && cpu=$(awk '{printf ", %.0f CPU-s", $2 + $3}' "$out/.build-times")
	log "$name: built in $(($(date +%s) - t0))s$cpu"
}

# Copy a wrapper module out of the repo so builds never write into the work tree.
stage_module() { # srcdir name
	local w=$CACHE/work/$2
	rm -rf "$w"
	mkdir -p "$w"
	cp "$1"/go.mod "$1"/go.sum "$w"/ 2>/dev/null || cp "$1"/go.mod "$w"/
	cp "$1"/*.go "$w"/ 2>/dev/null || true
	echo "$w"
}

check_pin() { # go.mod module version
	grep -qE "^[[:space:]]*(require )?$2 $3( |$)" "$1" || die "$1 does not pin $2 $3 (versions.env and go.mod disagree)"
}

build_kubernetes() {
	local src=$KL_HERE/go/kube w key ld p
	check_pin "$src/go.mod" k8s.io/kubernetes "$KUBERNETES_VERSION"
	local minor=${KUBERNETES_VERSION#v1.}
	minor=${minor%%.*}
	ld="-s -w"
	for p in k8s.io/client-go/pkg/version k8s.io/component-base/version; do
		ld="$ld -X $p.gitVersion=$KUBERNETES_VERSION -X $p.gitMajor=1 -X $p.gitMinor=$minor -X $p.gitTreeState=clean -X $p.buildDate=2026-01-01T00:00:00Z"
	done
	key=$(inputs_hash "$src" "$KUBERNETES_VERSION" "$ld")
	w=$(stage_module "$src" kube)
	go_build kube "$(kube_dir)" "$key" "$w" . "$ld" "selinux,notest,grpcnotrace"
	local c
	for c in kube-apiserver kube-controller-manager kube-scheduler kubelet kube-proxy kubectl; do
		ln -sfn kube "$(kube_dir)/bin/$c"
	done
}

build_etcd() {
	local src=$KL_HERE/go/etcd key
	check_pin "$src/go.mod" go.etcd.io/etcd/server/v3 "$ETCD_VERSION"
	key=$(inputs_hash "$src" "$ETCD_VERSION")
	go_build etcd "$(etcd_dir)" "$key" "$(stage_module "$src" etcd)" . "-s -w" ""
}

build_coredns() {
	local src=$KL_HERE/go/coredns key
	check_pin "$src/go.mod" github.com/coredns/coredns "$COREDNS_VERSION"
	key=$(inputs_hash "$src" "$COREDNS_VERSION")
	go_build coredns "$(coredns_dir)" "$key" "$(stage_module "$src" coredns)" . "-s -w" "grpcnotrace"
}

build_pause() {
	local src=$KL_HERE/go/pause key
	key=$(inputs_hash "$src" "$PAUSE_VERSION")
	go_build pause "$(pause_dir)" "$key" "$(stage_module "$src" pause)" . "-s -w" ""
}

# kube-network-policies with github.com/google/nftables patched to emit the
# xtables NFQUEUE target instead of the nft queue expression (no CONFIG_NFT_QUEUE
# on our kernels; see README.md), and with its pod-by-IP lookup patched not to
# call the NRI plugin it does not have when NRI is disabled (v0.8.0 panics there
# when a packet comes from an IP no pod has any more: go/netpol/nri_nil_guard.patch.in), and to
# judge a reused pod IP as the live pod's, not a terminating one's (go/netpol/pod_ip_reuse.patch.in).
build_netpol() {
	local src=$KL_HERE/go/netpol key w nft
	check_pin "$src/go.mod" sigs.k8s.io/kube-network-policies "$NETPOL_VERSION"
	key=$(inputs_hash "$src" "$NETPOL_VERSION" "$NFTABLES_VERSION")
	if [ -x "$(netpol_dir)/bin/kube-network-policies" ] && [ "$(cat "$(netpol_dir)/.key" 2>/dev/null)" = "$key" ]; then
		log "kube-network-policies: cached ($(netpol_dir)/bin/kube-network-policies)"
		return 0
	fi
	w=$(stage_module "$src" netpol)
	(cd "$w" && go mod download github.com/google/nftables@"$NFTABLES_VERSION") >/dev/null
	nft=$CACHE/work/nftables-$NFTABLES_VERSION-kubelab
	rm -rf "$nft"
	cp -r "$GOMODCACHE/github.com/google/nftables@$NFTABLES_VERSION" "$nft"
	chmod -R u+w "$nft"
	grep -q '^func (e \*Queue) marshal(fam byte)' "$nft/expr/queue.go" ||
		die "nftables $NFTABLES_VERSION: expected (*Queue).marshal not found; update go/netpol/nftables_queue_compat.go.in"
	sed -i 's/^func (e \*Queue) marshal(fam byte)/func (e *Queue) marshalNFTQueue(fam byte)/' "$nft/expr/queue.go"
	cp "$src/nftables_queue_compat.go.in" "$nft/expr/zz_kubelab_queue_compat.go"
	(cd "$w" && go mod edit -replace "github.com/google/nftables=$nft")
	local knp=$CACHE/work/kube-network-policies-$NETPOL_VERSION-kubelab
	(cd "$w" && go mod download sigs.k8s.io/kube-network-policies@"$NETPOL_VERSION") >/dev/null
	rm -rf "$knp"
	cp -r "$GOMODCACHE/sigs.k8s.io/kube-network-policies@$NETPOL_VERSION" "$knp"
	chmod -R u+w "$knp"
	local pf
	for pf in nri_nil_guard pod_ip_reuse; do
		(cd "$knp" && patch -p1 --forward --quiet < "$src/$pf.patch.in") ||
			die "kube-network-policies $NETPOL_VERSION: go/netpol/$pf.patch.in does not apply; update it"
	done
	(cd "$w" && go mod edit -replace "sigs.k8s.io/kube-network-policies=$knp")
	# The AdminNetworkPolicy CRDs of the network-policy-api version go.mod pins (up.sh applies them).
	local npa
	npa=$(awk '$1 == "sigs.k8s.io/network-policy-api" { print $2 }' "$src/go.mod")
	[ -n "$npa" ] || die "go/netpol/go.mod does not require sigs.k8s.io/network-policy-api"
	(cd "$w" && go mod download sigs.k8s.io/network-policy-api@"$npa") >/dev/null
	rm -rf "$(netpol_dir)/crds"
	mkdir -p "$(netpol_dir)/crds"
	cp "$GOMODCACHE/sigs.k8s.io/network-policy-api@$npa/config/crd/standard/policy.networking.k8s.io_adminnetworkpolicies.yaml" \
		"$(netpol_dir)/crds/"
	go_build kube-network-policies "$(netpol_dir)" "$key" "$w" . "-s -w" ""
}

cmd_build() {
	require_linux_root
	KL_T0=$(date +%s.%N)
	mkdir -p "$CACHE/logs"
	log "build: cache $CACHE (Go caches: $GOMODCACHE, $GOCACHE)"
	apt_install_missing
	check_go
	# Kubernetes is the long pole (about 7.5 min cold on 2 cores, 725 CPU-s) and keeps the cores
	# only ~80 % busy (its link is one thread): the smaller builds run beside it, which fills the gaps.
	build_pause
	build_kubernetes &
	local kube_pid=$!
	# a failure of the others (die) must not leave the Kubernetes build running on its own
	trap 'pkill -P "$kube_pid" 2>/dev/null; kill "$kube_pid" 2>/dev/null' EXIT
	build_etcd
	build_netpol
	build_coredns
	wait "$kube_pid" || die "the Kubernetes build failed; log: $CACHE/logs/build-kube.log"
	trap - EXIT
	build_images
	log "build: done (cache $CACHE; 'du -sh $CACHE' for its size)"
}
