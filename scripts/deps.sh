#!/bin/sh
# Install the Debian packages memscope needs: `deps.sh run` to build and
# start it, `deps.sh check` to run every test, `deps.sh lab` for the lab VM
# (and make experiments), `deps.sh shots` for make screenshots, `deps.sh
# fresh` for make fresh, `deps.sh pkg` to build the Debian packages,
# `deps.sh bench` for make bench.
# Only missing ones are fetched.
set -e
# clang, llvm (llvm-strip), bpftool and libbpf-dev build the BPF backend;
# libnl-genl-3-dev the taskstats one (per-process stall delays);
# gettext compiles explain mode's translations (po/*.po, msgfmt) and
# locales-all has the zh_CN.UTF-8 locale they are shown in;
# libzstd-dev --record and --replay; libmicrohttpd-dev --serve
run="make gcc pkg-config libncurses-dev libjson-c-dev libinih-dev
     clang llvm bpftool libbpf-dev libnl-genl-3-dev gettext locales-all
     libzstd-dev libmicrohttpd-dev"
# The lab VM (make lab, make lab-test in check): tests/lab/vm.sh's LAB_DEPS
# and Debian's 6.1 headers, which build memscope.ko for the VM's kernel;
# the 6.12 kernel and headers too (lab612 below: no fixed package name).
lab="qemu-system-x86 linux-image-amd64 linux-headers-amd64 busybox-static
     cpio gzip tar"
# ncurses-term: terminfo for xterm-16color (theme tests: 8/16/256 colours);
# promtool (prometheus, about 95 MB installed) and the OpenMetrics parser
# of python3-prometheus-client check --format openmetrics/prometheus;
# zstd (zstdcat) and strace: tests/cli/test_record.sh; clang-format:
# tests/cli/test_format.sh (every C file in kernel style); curl:
# tests/cli/test_serve.sh (--serve; the Prometheus server that scrapes it
# there is prometheus's too); libfaketime: tests/soak/record_day.sh (a day
# of the recorder on a faked clock)
check="$run libcmocka-dev tmux procps jq ncurses-term prometheus
       python3-prometheus-client zstd strace clang-format curl libfaketime
       $lab"

# make screenshots (`deps.sh shots`) and its check in make check: tmux,
# and scripts/ansi2png.py's Pillow and font
shots="make gcc tmux python3-pil fonts-dejavu-core"
check="$check python3-pil fonts-dejavu-core"

# make fuzz and its short run in make check: libFuzzer's runtime for clang;
# valgrind: tests/cli/test_valgrind.sh
check="$check libclang-rt-dev valgrind"

# make experiments and its short run in make check: the plots (PNG)
exp="gnuplot-nox"
check="$check $exp"

# make fresh (tests/fresh/fresh.sh): a minimal Debian to try make run in
fresh="debootstrap git"

# the Debian packages (debian/; tests/pkg/test_deb.sh builds them with
# dpkg-buildpackage, checks them with lintian and installs them in a
# debootstrapped Debian 12): `deps.sh pkg` adds these to the run list,
# which holds debian/control's other Build-Depends
pkg="dpkg-dev debhelper dh-dkms lintian debootstrap libelf-dev zlib1g-dev jq"
check="$check $pkg"

# make bench (tests/bench/bench.sh): wrk loads --serve (serve.sh), curl
# reads it; tmux, procps (top, slabtop) and strace as in check
bench="wrk curl tmux procps strace"

case "${1:-run}" in
run) want=$run ;;
check) want=$check ;;
lab) want="make gcc jq tmux $lab $exp" ;;
shots) want="$run $shots" ;;
fresh) want=$fresh ;;
pkg) want="$run $pkg" ;;
bench) want="$run $bench" ;;
*) echo "usage: deps.sh run|check|lab|shots|fresh|pkg|bench" >&2; exit 2 ;;
esac

# The lab's second kernel, Debian 12's 6.12 (tests/lab/README.md): its
# packages carry the ABI in their names (linux-image-6.12.N+deb12-amd64-
# unsigned, linux-headers-6.12.N+deb12-amd64) and the archive keeps the
# newest few. Any installed 6.12.N with its headers will do (true if one
# is); else lab612_pkgs names the newest pair of the package lists.
# DEPS_ROOT: where /usr/src and /boot are (tests/cli/test_deps.sh).
lab612_have() {
	for h in "$DEPS_ROOT"/usr/src/linux-headers-6.12.*+deb12-amd64; do
		[ -r "$DEPS_ROOT/boot/vmlinuz-${h##*/linux-headers-}" ] &&
			return 0
	done
	return 1
}

lab612_pkgs() {
	rel=$(apt-cache search --names-only \
		'^linux-image-6\.12\.[0-9]+\+deb12-amd64-unsigned$' |
		sed -n 's/^linux-image-\([^ ]*\)-unsigned .*/\1/p' |
		sort -V | tail -n 1)
	[ -n "$rel" ] && echo "linux-image-$rel-unsigned linux-headers-$rel"
}

missing=""
for p in $want; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
		missing="$missing $p"
done
k612=0
case $1 in check | lab) lab612_have || k612=1 ;; esac
[ -z "$missing" ] && [ $k612 = 0 ] && exit 0

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q || true
if [ $k612 = 1 ]; then
	k=$(lab612_pkgs) || {
		echo "memscope: no linux-image-6.12.*+deb12-amd64-unsigned" \
			"in the package lists (Debian 12's security archive)" >&2
		exit 1
	}
	missing="$missing $k"
fi
echo "memscope: installing Debian packages:$missing"
$sudo apt-get install -y -q --no-install-recommends $missing
