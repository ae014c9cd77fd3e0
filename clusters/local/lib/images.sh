# shellcheck shell=bash
# Local images, written as docker-archive tars (one layer tar + config JSON +
# manifest.json) and imported with `ctr -n k8s.io images import` by `up`.
# Nothing is ever pulled.

deb_version() { dpkg-query -W -f='${Version}' "$1"; }
# 1:1.35.0-4+deb12u1+b1 -> 1.35.0
upstream_version() { local v=${1#*:}; echo "${v%%-*}"; }

# write_image ROOTFS REF OUT.tar ENTRYPOINT_JSON CMD_JSON
write_image() {
	local root=$1 ref=$2 out=$3 ep=$4 cmd=$5 tmp diffid cfg cfgsha
	tmp=$(mktemp -d "$CACHE/work/img.XXXXXX")
	tar --sort=name --mtime='2026-01-01 00:00:00Z' --owner=0 --group=0 --numeric-owner \
		-C "$root" -cf "$tmp/layer.tar" .
	diffid=$(sha256sum "$tmp/layer.tar" | cut -d' ' -f1)
	mkdir -p "$tmp/$diffid"
	mv "$tmp/layer.tar" "$tmp/$diffid/layer.tar"
	cfg=$(printf '{"architecture":"amd64","os":"linux","created":"2026-01-01T00:00:00Z","config":{"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],"Entrypoint":%s,"Cmd":%s,"WorkingDir":"/","Labels":{"org.opencontainers.image.source":"kubelab clusters/local (built locally)"}},"rootfs":{"type":"layers","diff_ids":["sha256:%s"]},"history":[{"created":"2026-01-01T00:00:00Z","created_by":"kubelab-local build"}]}' "$ep" "$cmd" "$diffid")
	cfgsha=$(printf '%s' "$cfg" | sha256sum | cut -d' ' -f1)
	printf '%s' "$cfg" >"$tmp/$cfgsha.json"
	printf '[{"Config":"%s.json","RepoTags":["%s"],"Layers":["%s/layer.tar"]}]' "$cfgsha" "$ref" "$diffid" >"$tmp/manifest.json"
	tar --sort=name --mtime='2026-01-01 00:00:00Z' --owner=0 --group=0 --numeric-owner \
		-C "$tmp" -cf "$out.tmp" manifest.json "$cfgsha.json" "$diffid"
	mv -f "$out.tmp" "$out"
	rm -rf "$tmp"
}

# Minimal /etc so glibc tools and kubelet-managed files behave.
base_etc() {
	local r=$1
	mkdir -p "$r/etc" "$r/tmp" "$r/root" "$r/proc" "$r/sys" "$r/dev" "$r/var/run" "$r/bin" "$r/usr/bin" "$r/sbin" "$r/usr/sbin"
	chmod 1777 "$r/tmp"
	printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' >"$r/etc/passwd"
	printf 'root:x:0:\nnogroup:x:65534:\n' >"$r/etc/group"
	printf 'hosts: files dns\nnetworks: files\npasswd: files\ngroup: files\nservices: files\nprotocols: files\n' >"$r/etc/nsswitch.conf"
	[ -f /etc/services ] && cp /etc/services "$r/etc/services"
	[ -f /etc/protocols ] && cp /etc/protocols "$r/etc/protocols"
	: >"$r/etc/hosts"
	: >"$r/etc/resolv.conf"
}

# add busybox with one symlink per applet, skipping names already present.
add_busybox() {
	local r=$1 a
	cp /bin/busybox "$r/bin/busybox"
	for a in $(/bin/busybox --list); do
		[ "$a" = busybox ] && continue
		[ -e "$r/bin/$a" ] || [ -e "$r/usr/bin/$a" ] || ln -s busybox "$r/bin/$a"
	done
}

# copy a dynamically linked host binary and its ldd dependencies.
add_host_binary() { # root src [dest]
	local r=$1 src=$2 dst=${3:-$2} lib
	mkdir -p "$r/$(dirname "$dst")"
	cp -L "$src" "$r/$dst"
	for lib in $(ldd "$src" 2>/dev/null | grep -oE '/[^ ]+' | sort -u); do
		[ -e "$r$lib" ] && continue
		mkdir -p "$r$(dirname "$lib")"
		cp -L "$lib" "$r$lib"
	done
}

build_images() {
	local d key busybox_tag debug_tag pause_ref coredns_ref busybox_ref debug_ref r
	d=$(images_dir)
	mkdir -p "$d" "$CACHE/work"
	busybox_tag=$(upstream_version "$(deb_version busybox-static)")
	local debpkgs="libc-bin bind9-dnsutils curl netcat-openbsd busybox-static dash"
	local pv="" p
	for p in $debpkgs; do pv="$pv $p=$(deb_version "$p")"; done
	debug_tag="bookworm-$(printf '%s' "$pv" | sha256sum | cut -c1-10)"
	pause_ref=kubelab.local/pause:$PAUSE_VERSION
	coredns_ref=kubelab.local/coredns:$COREDNS_VERSION
	busybox_ref=kubelab.local/busybox:$busybox_tag
	debug_ref=kubelab.local/debug:$debug_tag
	key=$( {
		echo "$pv" "$pause_ref" "$coredns_ref" "$busybox_ref" "$debug_ref"
		cat "$(pause_dir)/.key" "$(coredns_dir)/.key"
		sha256sum <"$KL_HERE/lib/images.sh"
	} | sha256sum | cut -c1-16)
	if [ "$(cat "$d/.key" 2>/dev/null)" = "$key" ] && [ -f "$d/images.properties" ]; then
		log "images: cached ($d)"
		return 0
	fi
	log "images: writing pause, coredns, busybox, debug"
	rm -f "$d"/*.tar
	r=$(mktemp -d "$CACHE/work/rootfs.XXXXXX")

	mkdir -p "$r/pause"
	cp "$(pause_dir)/bin/pause" "$r/pause/pause"
	write_image "$r/pause" "$pause_ref" "$d/pause.tar" '["/pause"]' 'null'

	mkdir -p "$r/coredns/etc/coredns" "$r/coredns/tmp"
	cp "$(coredns_dir)/bin/coredns" "$r/coredns/coredns"
	write_image "$r/coredns" "$coredns_ref" "$d/coredns.tar" '["/coredns"]' '["-conf","/etc/coredns/Corefile"]'

	base_etc "$r/busybox"
	add_busybox "$r/busybox"
	write_image "$r/busybox" "$busybox_ref" "$d/busybox.tar" 'null' '["sh"]'

	base_etc "$r/debug"
	add_host_binary "$r/debug" /usr/bin/getent
	add_host_binary "$r/debug" /usr/bin/dig
	add_host_binary "$r/debug" /usr/bin/nslookup
	add_host_binary "$r/debug" /usr/bin/host
	add_host_binary "$r/debug" /usr/bin/curl
	add_host_binary "$r/debug" "$(readlink -f /bin/nc.openbsd)" /usr/bin/nc
	# Debian's busybox sh prefers its own applets over PATH (so `sh -c nc` would run
	# busybox nc): the debug image's /bin/sh is dash, and busybox fills in the rest.
	add_host_binary "$r/debug" /bin/dash /bin/dash
	ln -s dash "$r/debug/bin/sh"
	add_busybox "$r/debug"
	write_image "$r/debug" "$debug_ref" "$d/debug.tar" 'null' '["sh"]'
	rm -rf "$r"

	cat >"$d/images.properties" <<EOF
# Images built locally by clusters/local (kubelab-local build); never pulled.
# logical name = image reference (imported into containerd namespace k8s.io)
busybox=$busybox_ref
debug=$debug_ref
pause=$pause_ref
coredns=$coredns_ref
EOF
	echo "$key" >"$d/.key"
	log "images: done ($(du -sh "$d" | cut -f1))"
}
