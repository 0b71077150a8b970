#!/bin/sh
# Lab VM guest script: MGLRU on, swap on zram with data in it, the workload
# running, what the Memory area's ledger must show (a hugetlb pool partly
# in use, a tmpfs file, anonymous memory held, zswap's pool), then
# capture.sh into /out/tree. Run by vm.sh (see refresh-fixtures.sh).
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

# rss_settled PID KB: until PID's VmRSS is at least KB and the same twice
# half a second apart (a shell's $(...) is copied once more when done)
rss_settled() {
	i=0 last=""
	while [ $i -lt 100 ]; do
		rss=$(sed -n 's/^VmRSS:[^0-9]*\([0-9]*\).*/\1/p' \
			/proc/$1/status 2>/dev/null)
		[ "${rss:-0}" -ge "$2" ] && [ "$rss" = "$last" ] && break
		last=$rss
		sleep 0.5
		i=$((i + 1))
	done
}

# THP off until the reclaim is done: 6.12's zswap takes no large folio
# (6.13 does), so a heap in THPs would go to zram whole and zswap would
# stay empty; and khugepaged, collapsing a heap into THPs, swaps its
# pages back in.
thp=/sys/kernel/mm/transparent_hugepage/enabled
thp_was=$(sed 's/.*\[\(.*\)\].*/\1/' $thp)
start_workload() {
	echo never >$thp
	[ -d $cg/lab ] && echo $$ >$cg/lab/cgroup.procs
	# The hog runs on CPU 1, so its pages are on node 1.
	pids=$(sh /lab/workload.sh start 1)
	[ -d $cg/lab ] && echo $$ >$cg/cgroup.procs
	rss_settled ${pids%% *} 16384
	step "workload pids $pids"
}

reclaim() {
	[ -e $cg/lab/memory.reclaim ] || return 0
	echo 8M >$cg/lab/memory.reclaim || step "memory.reclaim failed"
	step "zram0 mm_stat: $(cat /sys/block/zram0/mm_stat 2>/dev/null)"
	grep -E 'zram|Filename' /proc/swaps
}

# Then zswap on and 4 MiB more reclaimed: they stay compressed in zswap's
# pool (in front of zram0), so both hold data. 6.12 creates zswap's
# debugfs counters only once it is first enabled.
zswap() {
	z=/sys/module/zswap/parameters/enabled
	[ -e $cg/lab/memory.reclaim ] && echo Y >$z || {
		step "zswap not enabled"
		return 0
	}
	echo 4M >$cg/lab/memory.reclaim || step "memory.reclaim (zswap) failed"
	step "zswap: $(cat /sys/kernel/debug/zswap/stored_pages 2>/dev/null)" \
		"pages stored, pool $(cat /sys/kernel/debug/zswap/pool_total_size \
		2>/dev/null) bytes"
}

# For the ledger: 16 x 2 MiB hugetlb pages on node 0, 4 of them taken by
# a file in hugetlbfs (so the pool's total and free differ); a 32 MiB file
# in a tmpfs of its own (shmem).
hp=/sys/devices/system/node/node0/hugepages/hugepages-2048kB/nr_hugepages
ledger() {
	echo 16 >$hp || step "no hugetlb pool"
	mkdir -p /mnt/huge /mnt/shm
	mount -t hugetlbfs none /mnt/huge &&
		fallocate -l 8M /mnt/huge/four || step "no hugetlbfs file"
	mount -t tmpfs -o size=64M none /mnt/shm &&
		dd if=/dev/zero of=/mnt/shm/file bs=1M count=32 2>/dev/null ||
		step "no tmpfs file"
	step "hugetlb 2 MiB: $(cat /sys/kernel/mm/hugepages/hugepages-2048kB/nr_hugepages)" \
		"pages, $(cat /sys/kernel/mm/hugepages/hugepages-2048kB/free_hugepages) free;" \
		"tmpfs: $(du -k /mnt/shm/file | cut -f1) KiB"
}

# THP as it was, then 48 MiB of heap (in THPs where the mode says so)
# held by a shell on node 0, outside the cgroup that was reclaimed (anon).
anon_holder() {
	echo "$thp_was" >$thp
	taskset -c 0 sh /lab/workload.sh hog 48 >/dev/null 2>&1 &
	anon=$!
	rss_settled $anon 49152
	step "anon holder $anon: VmRSS ${rss:-?} kB," \
		"$(sed -n 's/^AnonHugePages: *//p' /proc/meminfo) in THPs"
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
ledger
reclaim
zswap
anon_holder
step "capture.sh at $(cut -d" " -f1 /proc/uptime)s"
kt=$(kthreads)
step "kthread pids" $kt
sh /lab/capture.sh /out/tree $pids $anon $kt
rc=$?
sh /lab/workload.sh stop $pids $anon
step "done at $(cut -d" " -f1 /proc/uptime)s"
step "tree: $(find /out/tree -type f | wc -l) files, $(du -sk /out/tree | cut -f1) KiB"
exit $rc
