#!/bin/sh
# Lab VM guest script: memscope's experiments (memscope experiment NAME),
# each into /out/NAME. tests/lab/exp-vm.sh runs it (make experiments, and
# the short run of tests/lab/test_exp.sh). Kernel command line: EXPS (comma
# separated, default frag,slab,mglru), EXP_QUICK=1 for the short runs.
set -u
EXPS=${EXPS:-frag,slab,mglru}
quick=""
[ "${EXP_QUICK:-0}" = 1 ] && quick=--quick
rc=0
settings() {
	cat /sys/kernel/mm/lru_gen/enabled \
		/proc/sys/vm/compact_unevictable_allowed \
		/proc/sys/vm/percpu_pagelist_high_fraction \
		/proc/sys/vm/compaction_proactiveness \
		/sys/kernel/mm/transparent_hugepage/enabled \
		/proc/sys/vm/min_free_kbytes 2>&1
}
# What the experiments must put back (the host compares the two).
settings >/out/settings-before

# mglru's environment: the memory cgroup controller, swap on zram0 (anon
# pages can be reclaimed) and an ext2 filesystem on zram1 for the scanned
# file (page cache that can be dropped and read back: real refaults).
mglru_env() {
	mkdir -p /sys/fs/cgroup /mnt/exp
	mount -t cgroup2 none /sys/fs/cgroup || return 1
	echo 256M >/sys/block/zram0/disksize && mkswap /dev/zram0 >/dev/null &&
		swapon /dev/zram0 || return 1
	z=$(cat /sys/class/zram-control/hot_add) || return 1
	echo 400M >/sys/block/zram$z/disksize &&
		mke2fs -q -b 4096 /dev/zram$z >/dev/null &&
		mount -t ext2 /dev/zram$z /mnt/exp || return 1
	echo "exp: cgroup2, swap on zram0, ext2 on zram$z at /mnt/exp"
}
case ",$EXPS," in
*,mglru,*) mglru_env || echo "exp: mglru environment incomplete" ;;
esac

for x in $(echo "$EXPS" | tr , ' '); do
	t0=$(cut -d' ' -f1 /proc/uptime)
	echo "exp: $x ${quick:-full run}"
	memscope experiment "$x" --out "/out/$x" --scan-dir /mnt/exp $quick
	r=$?
	echo "exp: $x status $r in $(awk -v t="$t0" '{ printf "%.0f", $1 - t }' /proc/uptime) s"
	[ $r -eq 0 ] || rc=1
done
settings >/out/settings-after

# interrupted NAME STEP: Ctrl-C (SIGINT) once the run's progress (its
# "NAME: step N/M: ..." lines) says it has begun STEP, a step with more
# after it, whatever the machine's speed: every setting is put back, the
# cgroup removed, and the report says the run did not finish.
interrupted() {
	log=/out/int-$1.log
	t0=$(cut -d' ' -f1 /proc/uptime)
	memscope experiment "$1" --out "/out/int-$1" --scan-dir /mnt/exp \
		--quick >"$log" 2>&1 &
	p=$!
	# until the step is reported, or the run ended without it (a zombie
	# still answers kill -0)
	while ! grep -q "^$1: step [0-9]*/[0-9]*: $2" "$log" &&
		! grep -q '^[0-9]* ([^)]*) Z' /proc/$p/stat 2>/dev/null &&
		[ -e /proc/$p ]; do
		sleep 0.1
	done
	at=$(grep -m 1 "^$1: step [0-9]*/[0-9]*: $2" "$log")
	kill -INT $p 2>/dev/null
	wait $p
	r=$?
	s=$(awk -v t="$t0" '{ printf "%.0f", $1 - t }' /proc/uptime)
	echo "exp: $1 SIGINT at: ${at:-(step '$2' not reported)}"
	echo "exp: $1 interrupted after $s s: status $r"
	settings >/out/settings-int-$1
	[ -d /sys/fs/cgroup/memscope-exp ] && echo "exp: cgroup memscope-exp left"
	ps -o pid,args | grep -c '[m]emscope experiment' >/out/int-$1.left
}
if [ -n "$quick" ]; then
	# frag: with the punched pages mlocked, before take, compact, unpin;
	# mglru: the second of its timed phases
	case ",$EXPS," in *,frag,*) interrupted frag 'punch:' ;; esac
	case ",$EXPS," in *,mglru,*) interrupted mglru 'filescan with MGLRU on, run 0:' ;; esac
fi
exit $rc
