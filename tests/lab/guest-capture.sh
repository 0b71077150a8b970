#!/bin/sh
# Lab VM guest script: MGLRU on, swap on zram with data in it, the workload
# running, then capture.sh into /out/tree. Run by vm.sh (see refresh-fixtures.sh).
set -u
cg=/sys/fs/cgroup

step() { echo "capture: $*"; }

mglru() {
	if echo y >/sys/kernel/mm/lru_gen/enabled; then
		step "lru_gen/enabled = $(cat /sys/kernel/mm/lru_gen/enabled)"
	else
		step "MGLRU could not be enabled"
	fi
}

zram_swap() {
	z=/sys/block/zram0
	[ -d $z ] || { step "no zram0 (module not loaded)"; return 1; }
	echo 64M >$z/disksize && mkswap /dev/zram0 >/dev/null &&
		swapon /dev/zram0 || { step "zram swap failed"; return 1; }
	step "swap on zram0, $(cat $z/comp_algorithm)"
}

# A memory cgroup for the workload, so memory.reclaim can push its anon
# pages out to zram without pressuring the whole VM.
cgroup_setup() {
	mkdir -p $cg && mount -t cgroup2 none $cg &&
		echo +memory >$cg/cgroup.subtree_control &&
		mkdir $cg/lab || { step "no memory cgroup"; return 1; }
}

start_workload() {
	[ -d $cg/lab ] && echo $$ >$cg/lab/cgroup.procs
	# The hog runs on CPU 1, so its pages are on node 1.
	pids=$(sh /lab/workload.sh start 1)
	[ -d $cg/lab ] && echo $$ >$cg/cgroup.procs
	step "workload pids $pids"
}

reclaim() {
	[ -e $cg/lab/memory.reclaim ] || return 0
	echo 8M >$cg/lab/memory.reclaim || step "memory.reclaim failed"
	step "zram0 mm_stat: $(cat /sys/block/zram0/mm_stat 2>/dev/null)"
	grep -E 'zram|Filename' /proc/swaps
}

uname -srv >/out/uname
# Per-node kernel threads: a process list must cope with empty cmdline/maps.
kthreads() {
	for d in /proc/[0-9]*; do
		read -r c <$d/comm 2>/dev/null || continue
		case $c in kswapd* | kcompactd*) echo ${d#/proc/} ;; esac
	done
}

mglru
zram_swap
cgroup_setup
start_workload
reclaim
step "capture.sh at $(cut -d" " -f1 /proc/uptime)s"
kt=$(kthreads)
step "kthread pids" $kt
sh /lab/capture.sh /out/tree $pids $kt
rc=$?
sh /lab/workload.sh stop $pids
step "done at $(cut -d" " -f1 /proc/uptime)s"
step "tree: $(find /out/tree -type f | wc -l) files, $(du -sk /out/tree | cut -f1) KiB"
exit $rc
