# Helpers of the package suites (test_deb.sh, test_service.sh): source it
# after tests/lib.sh, in the tree's top directory. build/pkg keeps what
# they share: the debootstrapped Debian 12, apt's downloads, the packages.

mirror=${PKG_MIRROR:-http://deb.debian.org/debian}
security=${PKG_SECURITY_MIRROR:-http://deb.debian.org/debian-security}
cache=$(pwd)/build/pkg

# pkg_tools TOOL...: every tool there, scripts/deps.sh pkg run once if one
# is missing; else a "# skipped" line and status 1
pkg_tools() {
	for t in "$@"; do
		command -v "$t" > /dev/null && continue
		sh scripts/deps.sh pkg > /dev/null 2>&1
		break
	done
	for t in "$@"; do
		command -v "$t" > /dev/null && continue
		echo "# skipped: no $t and scripts/deps.sh pkg could not install it"
		return 1
	done
}

# pkg_lock: one run at a time, the cached root and apt's downloads are
# shared (fd 9 holds the lock until the suite exits)
pkg_lock() {
	mkdir -p "$cache/archives/partial"
	exec 9> "$cache/lock"
	flock 9
}

# tree_hash: the tree as git sees it (uncommitted changes included, build/
# and other ignored files not), which the packages are built from
tree_files() { git ls-files -co --exclude-standard -z; }
tree_hash() {
	tree_files | xargs -0 sha256sum 2> /dev/null | sha256sum | cut -c 1-16
}

# build_debs DIR: dpkg-buildpackage -us -uc -b in DIR/src, a copy of the
# tree; the packages land in DIR, the log in DIR/build.log. What it built
# is kept in build/pkg/debs for this tree (debs_cached).
build_debs() {
	mkdir "$1/src"
	# the hash of what is copied: the tree may change during the build
	tree_hash > "$1/tree"
	tree_files | tar --null -T - -cf - | tar -C "$1/src" -xf -
	(cd "$1/src" && timeout 1200 dpkg-buildpackage -us -uc -b) \
		> "$1/build.log" 2>&1 || return
	rm -rf "$cache/debs"
	mkdir -p "$cache/debs"
	cp "$1"/*.deb "$1/tree" "$cache/debs/"
}

# debs_cached DIR: the packages build_debs made of this very tree, copied
# into DIR; status 1 when there are none
debs_cached() {
	[ -f "$cache/debs/tree" ] &&
		[ "$(cat "$cache/debs/tree")" = "$(tree_hash)" ] &&
		cp "$cache"/debs/*.deb "$1/"
}

# dkms_version: the module's version in DKMS (kmod/dkms.conf)
dkms_version() {
	sed -n 's/^PACKAGE_VERSION="\(.*\)"/\1/p' kmod/dkms.conf
}

# base_root DIR: the minimal Debian 12 (debootstrap --variant=minbase
# bookworm, once: build/pkg keeps it as a tarball) unpacked into DIR
base_root() {
	base=$cache/bookworm-minbase.tar
	if [ ! -f "$base" ]; then
		timeout 900 debootstrap --variant=minbase bookworm "$1.tmp" \
			"$mirror" > "$1.debootstrap.log" 2>&1 &&
			tar -C "$1.tmp" -cf "$base.tmp" . &&
			mv "$base.tmp" "$base"
		ok "debootstrap --variant=minbase bookworm" test -f "$base"
		[ -f "$base" ] || tail -n 20 "$1.debootstrap.log"
		rm -rf "$1.tmp"
	fi
	mkdir "$1" && tar -C "$1" -xf "$base" 2> /dev/null
}

# debian_sources DIR: the root's apt sources a Debian 12 install has
# (debootstrap writes bookworm alone): the updates and security suites
# too, where the current kernels' packages are
debian_sources() {
	printf 'deb %s bookworm-updates main\ndeb %s bookworm-security main\n' \
		"$mirror" "$security" >> "$1/etc/apt/sources.list"
}

# root_mount DIR: /proc, /sys and apt's downloads there; root_umount DIR
# undoes it (on every exit); in_root SECONDS command...: run in the
# chroot $root, killed after SECONDS
root_mount() {
	cp /etc/resolv.conf "$1/etc/"
	# no service started from inside the chroot
	printf '#!/bin/sh\nexit 101\n' > "$1/usr/sbin/policy-rc.d"
	chmod 755 "$1/usr/sbin/policy-rc.d"
	mount -t proc proc "$1/proc"
	mount --rbind /sys "$1/sys"
	mount --bind "$cache/archives" "$1/var/cache/apt/archives"
}
root_umount() {
	for m in var/cache/apt/archives sys proc; do
		umount -R "$1/$m" 2> /dev/null
	done
}
in_root() {
	secs=$1
	shift
	timeout "$secs" chroot "$root" env -i \
		PATH=/usr/sbin:/usr/bin:/sbin:/bin \
		DEBIAN_FRONTEND=noninteractive LC_ALL=C.UTF-8 "$@"
}
