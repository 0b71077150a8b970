#!/bin/bash
# Boot Debian 12's 6.1 or 6.12 kernel in QEMU (2 NUMA nodes, 1 CPU each, busybox
# initramfs), run a guest script without a terminal, bring its /out back. See README.md.
set -euo pipefail

# Debian packages this script needs (scripts/deps.sh installs them in CI;
# for -k 6.12 also a linux-image-6.12.N+deb12-amd64-unsigned, see there).
LAB_DEPS="qemu-system-x86 linux-image-amd64 busybox-static cpio gzip tar"

here=$(cd "$(dirname "$0")" && pwd)
kernel=${LAB_KERNEL:-}
moddir=${LAB_MODDIR:-}
busybox=${LAB_BUSYBOX:-/bin/busybox}
timeout=${LAB_TIMEOUT:-300}
accel=${LAB_ACCEL:-auto}
# One host thread for every vCPU: with one thread per vCPU, TCG let a CPU
# run kernel text another had just patched (a static key flipped by
# enabling a tracepoint): soft lockups on 6.1, "Oops: int3" on 6.12,
# without memscope (tests/lab/README.md). LAB_TCG_THREAD=multi for speed.
tcg_thread=${LAB_TCG_THREAD:-single}
# Node 0 gets DMA, DMA32 and Normal, node 1 only Normal, as on a real
# two-socket machine (QEMU maps the RAM past 3 GiB above the PCI hole).
nodes_mb=${LAB_NODES_MB:-3584 1024}
disk_mb=${LAB_DISK_MB:-64}
result=${LAB_RESULT:-$here/out/result}
run="" append="" interactive=0 keep=0
mods=() bins=() files=()
# Modules every boot needs: the virtio disk the result comes back on.
base_mods="virtio_pci virtio_blk"
terms="linux vt100 vt220 xterm xterm-256color screen screen-256color tmux
	tmux-256color"

usage() {
	cat <<EOF
usage: $0 [options]
  -r SCRIPT     guest script, run by /init with sh in /out (default: a boot check)
  -o DIR        host directory that receives the guest's /out ($result)
  -m MODULE     load a module of the guest kernel by name (its modules.dep
                dependencies too), or a .ko file by path; repeatable
  -b BIN[:DST]  copy a binary and the shared libraries ldd lists (DST: /bin/NAME)
  -f SRC[:DST]  copy a file or directory (DST: /lab/NAME); repeatable
  -k KERNEL     kernel image, or a series: 6.1 (the default) is the newest
                /boot/vmlinuz-6.1.0-*-amd64, 6.12 the newest
                /boot/vmlinuz-6.12.*+deb12-amd64 (LAB_KERNEL)
  -a ACCEL      kvm, tcg or auto: KVM when a probe boot under it reaches
                /init within LAB_KVM_PROBE_SECS (20), else TCG ($accel)
  -t SECONDS    hard timeout of the whole run ($timeout)
  -A ARGS       more kernel command line
  -i            interactive: console on this terminal, -r's script (if any)
                on it, then a shell
  -K            keep the scratch directory (initramfs, disk, console log)
Exit status: the guest script's, 124 on timeout, 3 when the guest returned
nothing (crash or panic: see DIR/console.log), 2 on a setup error.
Packages: $LAB_DEPS
EOF
	exit 2
}

die() {
	echo "vm.sh: $*" >&2
	exit 2
}

parse_args() {
	local o
	while getopts "r:o:m:b:f:k:a:t:A:iKh" o; do
		case $o in
		r) run=$OPTARG ;;
		o) result=$OPTARG ;;
		m) mods+=("$OPTARG") ;;
		b) bins+=("$OPTARG") ;;
		f) files+=("$OPTARG") ;;
		k) kernel=$OPTARG ;;
		a) accel=$OPTARG ;;
		t) timeout=$OPTARG ;;
		A) append=$OPTARG ;;
		i) interactive=1 ;;
		K) keep=1 ;;
		*) usage ;;
		esac
	done
	shift $((OPTIND - 1))
	[ $# -eq 0 ] || usage
}

# The /boot/vmlinuz-* pattern of Debian 12's kernels of series $1: 6.1 is
# the release's own (6.1.0-ABI-amd64), 6.12 the point-release updates'
# (6.12.N+deb12-amd64; -rt and -cloud flavours excluded).
series_glob() {
	case $1 in
	6.1) echo "6.1.0-*-amd64" ;;
	*) echo "$1.*+deb12-amd64" ;;
	esac
}

pick_kernel() {
	local s=${kernel:-6.1}
	case $s in
	[0-9]*.[0-9]*)
		[ -e "$s" ] || kernel=$(ls /boot/vmlinuz-$(series_glob "$s") \
			2>/dev/null | sort -V | tail -n 1) || true ;;
	esac
	[ -n "$kernel" ] && [ -r "$kernel" ] ||
		die "no readable kernel ${kernel:-/boot/vmlinuz-$(series_glob "$s")}" \
			"(scripts/deps.sh lab, or -k)"
	moddir=${moddir:-/lib/modules/${kernel##*/vmlinuz-}}
	[ -r "$moddir/modules.dep" ] || die "no $moddir/modules.dep"
}

# Copy SRC to DST inside the initramfs root, dereferencing links.
put() {
	mkdir -p "$root$(dirname "$2")"
	cp -RL "$1" "$root$2"
}

# The .ko files (relative to $moddir) that loading module $1 needs, in load
# order: modules.dep lists all dependencies, the deepest last.
mod_chain() {
	awk -v want="$1" '
	function base(p) {
		sub(/.*\//, "", p)
		sub(/\.ko(\.xz|\.zst|\.gz)?$/, "", p)
		gsub(/-/, "_", p)
		return p
	}
	BEGIN { gsub(/-/, "_", want) }
	{
		k = $1
		sub(/:$/, "", k)
		if (base(k) != want)
			next
		for (i = NF; i >= 2; i--)
			print $i
		print k
		found = 1
		exit
	}
	END { exit !found }' "$moddir/modules.dep"
}

# Add one .ko (any compression) to the initramfs and the load list, once.
add_ko() {
	local src=$1 name
	name=$(basename "$src")
	name=${name%%.ko*}
	grep -qx "$name" "$root/lab/modules" && return 0
	case $src in
	*.ko.xz) xz -dc "$src" >"$root/lib/modules/lab/$name.ko" ;;
	*.ko.zst) zstd -qdc "$src" >"$root/lib/modules/lab/$name.ko" ;;
	*.ko.gz) gzip -dc "$src" >"$root/lib/modules/lab/$name.ko" ;;
	*) cp "$src" "$root/lib/modules/lab/$name.ko" ;;
	esac
	echo "$name" >>"$root/lab/modules"
}

add_module() {
	local m=$1 chain k
	if [ -f "$m" ]; then
		add_ko "$m"
		return
	fi
	if chain=$(mod_chain "$m"); then
		for k in $chain; do
			add_ko "$moddir/$k"
		done
	elif grep -q "/${m//_/[-_]}\.ko" "$moddir/modules.builtin"; then
		: # built into the kernel
	else
		die "module $m is neither in $moddir/modules.dep nor built in"
	fi
}

# A binary at DST (default /bin/NAME) and the libraries it loads at their
# host paths, the dynamic loader included.
add_bin() {
	local src=${1%%:*} dst=${1#*:} lib
	[ "$dst" != "$1" ] || dst=/bin/$(basename "$src")
	[ -x "$src" ] || die "no executable $src"
	put "$src" "$dst"
	for lib in $(ldd "$src" 2>/dev/null |
		awk '$2 == "=>" && $3 ~ /^\// { print $3 }
		     $1 ~ /^\// { print $1 }'); do
		put "$lib" "$lib"
	done
}

add_file() {
	local src=${1%%:*} dst=${1#*:}
	[ "$dst" != "$1" ] || dst=/lab/$(basename "$src")
	[ -e "$src" ] || die "no file $src"
	put "$src" "$dst"
}

add_busybox() {
	local a
	ldd "$busybox" >/dev/null 2>&1 &&
		die "$busybox is dynamically linked (apt-get install busybox-static)"
	put "$busybox" /bin/busybox
	for a in $("$busybox" --list); do
		[ -e "$root/bin/$a" ] || ln -s busybox "$root/bin/$a"
	done
	ln -s bin "$root/sbin"
	ln -s ../bin "$root/usr/bin"
	ln -s ../bin "$root/usr/sbin"
}

add_terminfo() {
	local t f
	for t in $terms; do
		for f in /lib/terminfo/${t:0:1}/$t /usr/share/terminfo/${t:0:1}/$t; do
			[ -e "$f" ] && put "$f" "/usr/share/terminfo/${t:0:1}/$t"
		done
	done
	return 0
}

write_init() {
	cat >"$root/init" <<'EOF'
#!/bin/sh
# Lab VM init: mount, load modules, run /lab/run or a shell, tar /out to vda.
export PATH=/bin HOME=/root
[ -n "${LAB_TERM:-}" ] && export TERM=$LAB_TERM
mount -t devtmpfs dev /dev
exec </dev/console >/dev/console 2>&1
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t debugfs debug /sys/kernel/debug
mount -t tmpfs tmp /tmp
mkdir -p /dev/pts && mount -t devpts pts /dev/pts
while read -r m; do
	insmod "/lib/modules/lab/$m.ko" || echo "lab: insmod $m failed"
done </lab/modules
accel=tcg
dmesg | grep -q 'Hypervisor detected: KVM' && accel=kvm
echo "lab: $(uname -r) up in $(cut -d' ' -f1 /proc/uptime)s ($accel)"
[ -n "${LAB_PROBE:-}" ] && poweroff -f
cd /out
if [ -e /lab/interactive ]; then
	[ -n "${LAB_ROWS:-}" ] && stty rows "$LAB_ROWS" cols "$LAB_COLS"
	echo "lab: exit the shell to power off; /out comes back to the host"
	# -r runs first (on the terminal), then the shell in the same session
	if [ -e /lab/run ]; then
		setsid cttyhack sh -c 'sh /lab/run; exec sh'
	else
		setsid cttyhack sh
	fi
	rc=$?
else
	{ sh /lab/run; echo $? >/tmp/rc; } 2>&1 | tee /out/run.log
	rc=$(cat /tmp/rc)
fi
cd /
echo "$rc" >/out/lab-rc
i=0
while [ ! -b /dev/vda ] && [ $i -lt 100 ]; do
	sleep 0.1
	i=$((i + 1))
done
if tar -c -C /out . >/dev/vda && sync; then
	echo "lab: /out written, rc=$rc"
else
	echo "lab: cannot write /out to /dev/vda"
fi
poweroff -f
EOF
	chmod +x "$root/init"
}

default_run() {
	cat <<'EOF'
# Boot check: the NUMA layout the lab promises.
uname -r
cat /sys/devices/system/node/online
cat /sys/devices/system/node/node*/distance
grep -c '^Node' /proc/buddyinfo
EOF
}

build_initramfs() {
	local m b f
	root=$work/root
	mkdir -p "$root"/{bin,dev,proc,sys,tmp,out,lab,etc,root,usr}
	mkdir -p "$root/lib/modules/lab"
	: >"$root/lab/modules"
	add_busybox
	add_terminfo
	for m in $base_mods ${mods[@]+"${mods[@]}"}; do
		add_module "$m"
	done
	for b in ${bins[@]+"${bins[@]}"}; do
		add_bin "$b"
	done
	for f in ${files[@]+"${files[@]}"}; do
		add_file "$f"
	done
	if [ -n "$run" ]; then
		cp "$run" "$root/lab/run"
	elif [ $interactive -eq 0 ]; then
		default_run >"$root/lab/run"
	fi
	[ $interactive -eq 0 ] || : >"$root/lab/interactive"
	write_init
	(cd "$root" && find . | LC_ALL=C sort |
		cpio -o -H newc -R 0:0 --quiet) | gzip -1 >"$work/initramfs.gz"
}

# Can this machine boot the guest under KVM? /dev/kvm may be there yet
# unusable (nested virtualisation that hangs or rejects the CPU model), so
# boot once with LAB_PROBE, which powers off as soon as /init runs.
kvm_works() {
	local secs=${LAB_KVM_PROBE_SECS:-20}
	[ -r /dev/kvm ] && [ -w /dev/kvm ] || return 1
	accel=kvm
	qemu_args
	args+=(-append "$cmdline LAB_PROBE=1" -monitor none
		-serial "file:$work/probe.log")
	{ timeout -k 5 "$secs" qemu-system-x86_64 "${args[@]}" \
		</dev/null >"$work/probe.err" 2>&1; } 2>/dev/null || true
	grep -q '^lab: .* up in' "$work/probe.log" && return 0
	echo "vm.sh: KVM probe boot did not reach /init (limit ${secs}s):" \
		"$(tail -n 1 "$work/probe.err")" >&2
	return 1
}

resolve_accel() {
	case $accel in
	kvm | tcg) ;;
	auto)
		if kvm_works; then
			accel=kvm
		else
			accel=tcg
			echo "vm.sh: using TCG" >&2
		fi ;;
	*) die "-a takes kvm, tcg or auto" ;;
	esac
}

# Sets args (QEMU's argument list, kernel command line excluded) and
# cmdline for the accelerator in $accel.
qemu_args() {
	local n=0 i size mb
	# MEMSCOPE_LAB=1 tells memscope experiment it runs in the lab VM
	cmdline="console=ttyS0 panic=-1 rdinit=/init loglevel=4 MEMSCOPE_LAB=1"
	cmdline+=" LAB_TERM=${TERM:-vt100} $append"
	if [ $interactive -eq 1 ] && size=$(stty size 2>/dev/null); then
		cmdline+=" LAB_ROWS=${size% *} LAB_COLS=${size#* }"
	fi
	args=(-nographic -no-reboot -nic none)
	# One CPU per node, node N's memory after node N-1's, remote distance 20.
	for mb in $nodes_mb; do
		args+=(-object "memory-backend-ram,id=m$n,size=${mb}M"
			-numa "node,nodeid=$n,cpus=$n,memdev=m$n")
		for ((i = 0; i < n; i++)); do
			args+=(-numa "dist,src=$i,dst=$n,val=20")
		done
		n=$((n + 1))
	done
	args+=(-smp "$n" -m "$(($(echo "$nodes_mb" | tr ' ' +)))M")
	if [ "$accel" = kvm ]; then
		args+=(-accel kvm -cpu "${LAB_KVM_CPU:-host}")
	else
		args+=(-accel "tcg,thread=$tcg_thread" -cpu max)
	fi
	args+=(-kernel "$kernel" -initrd "$work/initramfs.gz"
		-drive "file=$work/out.img,format=raw,if=virtio")
}

# Run QEMU under the hard timeout; the console streams to stdout.
boot() {
	local qpid rc=0
	: >"$work/console.log"
	if [ $interactive -eq 1 ]; then
		timeout --foreground -k 10 "$timeout" qemu-system-x86_64 \
			"${args[@]}" -append "$cmdline" || rc=$?
		return $rc
	fi
	timeout -k 10 "$timeout" qemu-system-x86_64 "${args[@]}" \
		-append "$cmdline" -monitor none \
		-serial "file:$work/console.log" </dev/null &
	qpid=$!
	tail -n +1 -f --pid=$qpid "$work/console.log" &
	wait $qpid || rc=$?
	wait $! || true
	return $rc
}

# Unpack the guest's tar from the raw disk into $result.
collect() {
	if [ -e "$result" ]; then
		[ -e "$result/console.log" ] || [ -z "$(ls -A "$result")" ] ||
			die "$result exists and is not a lab result; not removing it"
		rm -rf "$result"
	fi
	mkdir -p "$result"
	tar -xf "$work/out.img" -C "$result" 2>/dev/null || true
	cp "$work/console.log" "$result/console.log"
}

main() {
	parse_args "$@"
	pick_kernel
	command -v qemu-system-x86_64 >/dev/null ||
		die "no qemu-system-x86_64 (apt-get install qemu-system-x86)"
	mkdir -p "$here/out"
	work=$(mktemp -d "$here/out/vm.XXXXXX")
	[ $keep -eq 1 ] || trap 'rm -rf "$work"' EXIT
	build_initramfs
	truncate -s "${disk_mb}M" "$work/out.img"
	local t0=$SECONDS rc=0
	resolve_accel
	qemu_args
	echo "vm.sh: $kernel, $accel, ${timeout}s" >&2
	boot || rc=$?
	collect
	echo "vm.sh: QEMU ran $((SECONDS - t0))s" >&2
	if [ $rc -eq 124 ] || [ $rc -eq 137 ]; then
		echo "vm.sh: timed out after ${timeout}s" >&2
		exit 124
	fi
	if [ ! -s "$result/lab-rc" ]; then
		echo "vm.sh: the guest returned nothing (QEMU status $rc);" \
			"see $result/console.log" >&2
		exit 3
	fi
	exit "$(cat "$result/lab-rc")"
}

main "$@"
