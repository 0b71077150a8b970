#!/bin/sh
# The newcomer's first command on a machine that has none of memscope's
# packages: a minimal Debian 12 (debootstrap minbase, plus make) gets a
# clean clone of HEAD, and `make run` there must install what it needs,
# build with the BPF and taskstats backends on that first run, and start.
# Needs root and Debian's package archive; about 4 minutes and 1 GB in
# $FRESH_DIR (default /tmp/memscope-fresh, removed after). `make fresh`;
# FRESH_REV=commit tries another commit.
set -u
. tests/lib.sh

dir=${FRESH_DIR:-/tmp/memscope-fresh}
mirror=${FRESH_MIRROR:-http://deb.debian.org/debian}
rev=${FRESH_REV:-HEAD} # another commit to try

if [ "$(id -u)" -ne 0 ] || ! command -v debootstrap > /dev/null; then
	no "needs root and debootstrap (apt-get install debootstrap)" true
	finish
	exit
fi

cleanup() {
	for m in dev sys proc; do
		umount -R "$dir/$m" 2> /dev/null
	done
	# only when nothing is mounted there any more
	grep -q " $dir/" /proc/mounts || rm -rf "$dir"
}
log=$(mktemp -d)
trap 'cleanup; rm -rf "$log"' EXIT
cleanup

ok "debootstrap: a minimal Debian 12 with make" sh -c \
	"debootstrap --variant=minbase --include=make bookworm '$dir' \
	 '$mirror' > '$log/debootstrap.log' 2>&1"
ok "no compiler, pkg-config or -dev package there" chroot "$dir" sh -c \
	"! command -v gcc && ! command -v pkg-config &&
	 ! dpkg -s libbpf-dev > /dev/null 2>&1"

git clone -q . "$dir/root/memscope"
git -C "$dir/root/memscope" checkout -q "$(git rev-parse "$rev")"
cp /etc/resolv.conf "$dir/etc/"
mount -t proc proc "$dir/proc"
mount --rbind /sys "$dir/sys"
mount --rbind /dev "$dir/dev"

chroot "$dir" sh -c 'cd /root/memscope && make run ARGS=--version' \
	> "$log/run.log" 2>&1
ok "make run: succeeds" test $? -eq 0
ok "make run: installed the packages itself" \
	grep -q '^memscope: installing Debian packages:.* libbpf-dev' \
	"$log/run.log"
ok "make run: the first run is built with bpf, taskstats and serve" \
	grep -qx 'built with: bpf taskstats serve' "$log/run.log"
chroot "$dir" sh -c 'cd /root/memscope && make run ARGS=--version' \
	> "$log/run2.log" 2>&1
no "make run again: compiles nothing" grep -qE '^  (CC|LD) ' "$log/run2.log"
ok "the built memscope samples this machine" chroot "$dir" \
	/root/memscope/build/memscope -b -n 1 --tab buddy
[ "$T_FAIL" -eq 0 ] || tail -n 20 "$log/run.log" "$log/debootstrap.log"
finish
