#!/bin/sh
# The Debian packages (debian/, docs/fleet.md "Packages"): dpkg-buildpackage
# -us -uc -b in a copy of the tree builds memscope and memscope-dkms,
# lintian finds no error or warning, and in a minimal Debian 12
# (debootstrap, chroot with /proc and /sys) `apt-get install ./memscope_*.deb
# ./memscope-dkms_*.deb` resolves the rest from Debian's archive, memscope
# -b -n 1 --json prints JSON, and DKMS builds the module against Debian's
# 6.1 headers (built, not loaded). Needs root and Debian's archive (the
# only network used). build/pkg keeps the debootstrapped root as a tarball
# and apt's downloads, so that a run after the first takes about 3 minutes.
set -u
. tests/lib.sh
. tests/pkg/lib.sh

if [ "$(id -u)" -ne 0 ]; then
	echo "# skipped: needs root (debootstrap, chroot)"
	finish
	exit
fi
pkg_tools dpkg-buildpackage dh dh_dkms lintian debootstrap jq || {
	finish
	exit
}
pkg_lock

tmp=$(mktemp -d /tmp/memscope-deb.XXXXXX)
root=$tmp/root
cleanup() {
	root_umount "$root"
	# only when nothing is mounted there any more
	grep -q " $tmp/" /proc/mounts || rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

# in a copy of the tree (the build runs make clean there)
build_debs "$tmp"
ok "dpkg-buildpackage -us -uc -b builds" test $? = 0
grep -q '^dpkg-buildpackage: info: binary-only' "$tmp/build.log" ||
	tail -n 30 "$tmp/build.log"
ver=$(dpkg-parsechangelog -l debian/changelog -S Version)
ok "debian/changelog's version is VERSION's" test "$ver" = "$(cat VERSION)"
deb=$tmp/memscope_${ver}_amd64.deb
dkms=$tmp/memscope-dkms_${ver}_all.deb
ok "memscope and memscope-dkms built" test -f "$deb" -a -f "$dkms"
# nothing to check, install or build further without them
[ -f "$deb" ] && [ -f "$dkms" ] || { finish; exit; }

dpkg-deb -c "$deb" | awk '{ print $6 }' > "$tmp/deb.list"
has() { grep -qx "$1" "$2"; }
for f in ./usr/bin/memscope ./usr/share/man/man1/memscope.1.gz \
	./usr/share/memscope/themes/default.theme \
	./usr/share/memscope/dashboards/memscope.json \
	./usr/share/locale/zh_CN/LC_MESSAGES/memscope.mo \
	./usr/share/bash-completion/completions/memscope \
	./usr/share/doc/memscope/README.md ./usr/share/doc/memscope/fleet.md \
	./lib/systemd/system/memscope-record.service; do
	ok "memscope holds ${f#.}" has "$f" "$tmp/deb.list"
done
kver=$(dkms_version)
dpkg-deb -c "$dkms" | awk '{ print $6 }' > "$tmp/dkms.list"
miss=""
for f in kmod/*.c kmod/*.h kmod/uapi/*.h kmod/Kbuild kmod/Makefile \
	kmod/dkms.conf; do
	case $f in *.mod.c) continue ;; esac
	has "./usr/src/memscope-$kver/${f#kmod/}" "$tmp/dkms.list" ||
		miss="$miss $f"
done
ok "memscope-dkms holds kmod/'s sources and dkms.conf in /usr/src/memscope-$kver" \
	test -z "$miss"
[ -z "$miss" ] || echo "# missing:$miss"

lintian --fail-on error,warning --display-level '>=warning' \
	"$tmp/memscope_${ver}_amd64.changes" > "$tmp/lintian.log" 2>&1
ok "lintian: no error and no warning" test $? = 0
grep -E '^[EW]: ' "$tmp/lintian.log"

# the minimal Debian 12, debootstrapped once into build/pkg
base_root "$root"
no "the root has neither memscope nor dkms yet" \
	test -e "$root/usr/bin/memscope" -o -e "$root/usr/sbin/dkms"
root_mount "$root"
cp "$deb" "$dkms" "$root/tmp/"

{
	in_root 300 apt-get update -q &&
		in_root 1200 apt-get install -y -q \
			"/tmp/${deb##*/}" "/tmp/${dkms##*/}"
} > "$tmp/apt.log" 2>&1
ok "apt-get install ./memscope_*.deb ./memscope-dkms_*.deb: the rest from the archive" \
	test $? = 0
grep -q '^Setting up memscope-dkms' "$tmp/apt.log" || {
	tail -n 30 "$tmp/apt.log"
	finish
	exit
}

in_root 60 memscope -b -n 1 --json > "$tmp/out.json" 2> "$tmp/err"
ok "memscope -b -n 1 --json runs there" test $? = 0
# -s: no output at all is an empty array, not a pass
ok "it prints one valid JSON sample of this kernel" jq -se \
	--arg k "$(uname -r)" \
	'length == 1 and .[0].kernel == $k and .[0].meminfo.MemTotal > 0' \
	"$tmp/out.json"
in_root 10 memscope --version > "$tmp/version" 2>&1
ok "built with bpf, taskstats and serve" grep -qx 'built with: bpf taskstats serve' \
	"$tmp/version"
ok "the recorder's unit is installed, not enabled" sh -c \
	"test -f '$root/lib/systemd/system/memscope-record.service' &&
	 ! ls '$root'/etc/systemd/system/*/memscope-record.service"

# Debian's 6.1 headers (dkms recommends linux-headers-amd64)
rel=$(ls "$root/usr/src" | sed -n 's/^linux-headers-\(6\.1\.0-[0-9]*-amd64\)$/\1/p' |
	sort -V | tail -n 1)
ok "Debian's 6.1 headers came with dkms (linux-headers-$rel)" test -n "$rel"
if [ -n "$rel" ]; then
	# built when the package was configured, or when the headers were if
	# they came after it: built again here either way
	in_root 60 dkms unbuild -m memscope -v "$kver" -k "$rel" \
		> /dev/null 2>&1
	in_root 600 dkms build -m memscope -v "$kver" -k "$rel" \
		> "$tmp/dkms.log" 2>&1
	ok "dkms build -k $rel" test $? = 0
	ko=$(ls "$root/var/lib/dkms/memscope/$kver/$rel"/*/module/memscope.ko* \
		2> /dev/null | head -n 1)
	ok "memscope.ko built for $rel" sh -c \
		"test -n '$ko' && chroot '$root' modinfo -F vermagic \
		 '${ko#"$root"}' | grep -q '^$rel '"
	[ -n "$ko" ] || tail -n 30 "$tmp/dkms.log"
fi
ok "DKMS knows memscope/$kver" test -d "$root/var/lib/dkms/memscope/$kver"
in_root 300 apt-get purge -y -q memscope-dkms > "$tmp/purge.log" 2>&1
ok "purging memscope-dkms removes it from DKMS and /usr/src" sh -c \
	"test ! -e '$root/var/lib/dkms/memscope' &&
	 test ! -e '$root/usr/src/memscope-$kver'"
finish
