#!/bin/sh
# Lab VM guest script of tests/lab/test_kernels.sh: memscope without the
# module on the kernel this VM booted (LAB_SERIES, 6.1 or 6.12): a batch
# sample (procfs, and BPF where the kernel has BTF), the Memory ledger's
# unexplained on the idle guest, then the slab Free/s invariant under churn
# (issue 12 item 1, as tests/hostile/test_slabfree.sh on the host). Needs
# /bin/memscope, /bin/hostile, /bin/jq, /lab/slabfree.jq and
# /lab/ledger.jq. Ends with "N passed, N failed", status 1 on a failure.
set -u
pass=0 fail=0 bg=""

check() {
	d=$1
	shift
	if "$@"; then
		pass=$((pass + 1))
		echo "ok   - $d"
	else
		fail=$((fail + 1))
		echo "FAIL - $d"
	fi
}

# jqc DESCRIPTION FILTER FILE: the filter is true on FILE's last line.
last_is() {
	tail -n 1 "$2" | jq -e "$1" >/dev/null
}

jqc() {
	check "$1" last_is "$2" "$3"
}

cleanup() {
	for p in $bg; do
		kill "$p" 2>/dev/null
	done
	for p in $bg; do
		wait "$p" 2>/dev/null
	done
	bg=""
}
trap cleanup EXIT

boot() {
	r=$(uname -r)
	check "guest kernel $r is of the series $LAB_SERIES" \
		[ "${r#$LAB_SERIES.}" != "$r" ]
	check "two NUMA nodes online" \
		[ "$(cat /sys/devices/system/node/online)" = 0-1 ]
}

# memscope -b -n 2 --json: every section, procfs sources, BPF where BTF.
sample() {
	memscope -b -n 2 --json >sample.json 2>sample.err
	check "memscope -b -n 2 --json exits 0" [ $? = 0 ]
	check "two samples" [ "$(grep -c . sample.json)" = 2 ]
	f=sample.json
	jqc "the sample names this kernel" ".kernel == \"$(uname -r)\"" $f
	jqc "sections: meminfo, buddy, slab, processes, reclaim, numa" \
		'[.meminfo, .buddy.zones[0], .slab.caches[0], .processes[0],
		  .reclaim, .numa.nodes[1]] | all(. != null)' $f
	jqc "buddy: zones of both nodes" \
		'[.buddy.zones[].node] | unique == [0, 1]' $f
	jqc "procfs sources: meminfo, buddy, slab, processes, reclaim, numa" \
		'.sources | [.meminfo, .buddy, .slab, .processes, .reclaim,
		  .numa] | all(. == "procfs")' $f
	if [ -r /sys/kernel/btf/vmlinux ]; then
		jqc "BTF: every event source is bpf" \
			'.sources | [.buddy_events, .slab_events, .fault_events,
			  .reclaim_events, .numa_events] | all(. == "bpf")' $f
		jqc "BTF: every BPF program loaded" \
			'[.unavailable[] | select(.what | test("^bpf"))] == []' $f
	else
		echo "# no /sys/kernel/btf/vmlinux: no BPF checks"
	fi
	tail -n 1 $f | jq -c '.unavailable' | sed 's/^/# unavailable: /'
}

# The Memory area's ledger on the guest, idle after boot (issue 13): it
# partitions exactly (ledger.jq, shared with tests/cli/test_memory.sh)
# and unexplained, either way, is below 2 % of physical RAM. The top level
# is printed; when unexplained is too big, the whole tree and meminfo too,
# so the log shows what holds it.
ledger() {
	memscope -b -n 1 --json --tab memory >ledger.json 2>ledger.err
	check "ledger: memscope -b -n 1 --json --tab memory exits 0" [ $? = 0 ]
	check "ledger: exact partition, children sum to their parent (nodes too)" \
		sh -c "jq -e -f /lab/ledger.jq ledger.json >/dev/null"
	jq -r '.memory as $m | $m.ledger[] | select(.parent == null) |
		"# ledger: \(.name) \(.kb) kB (\(.kb * 10000 / $m.physical_kb |
		floor / 100) %)"' ledger.json
	f0=$fail
	jqc "ledger: unexplained below 2 % of physical RAM" \
		'.memory as $m | [$m.ledger[] | select(.name == "unexplained"
		  and .parent == null)][0].kb |
		 (if . < 0 then -. else . end) < $m.physical_kb * 0.02' \
		ledger.json
	[ "$fail" = "$f0" ] && return
	jq -r '.memory.ledger[] | "# tree: \(.parent // "-") > \(.name)" +
		" \(.kb) kB (\(.source))"' ledger.json
	sed 's/^/# meminfo: /' /proc/meminfo
}

# The churn of test_slabfree.sh: mmap/munmap (maple_node, vm_area_struct)
# and files created and unlinked (dentry, inodes) while memscope samples
# the Slab tab; per busy cache the invariant holds or the cache is marked.
slabfree() {
	mkdir -p /tmp/files
	HOSTILE_COMM=Hsmmap hostile churn mmap 60 >/dev/null 2>&1 &
	bg="$bg $!"
	HOSTILE_COMM=Hsfile hostile churn files 60 /tmp/files >/dev/null 2>&1 &
	bg="$bg $!"
	sleep 2
	memscope -b -n 5 -d 2 --json --tab slab >slab.json 2>slab.err
	check "slab: memscope exits 0 under churn" [ $? = 0 ]
	cleanup
	jq -s -r -f /lab/slabfree.jq slab.json >slabfree.txt
	sed 's/^/# /' slabfree.txt
	check "slab: busy caches maple_node and vm_area_struct" sh -c \
		"grep -q ' maple_node ' slabfree.txt &&
		 grep -q ' vm_area_struct ' slabfree.txt"
	# unchecked is marked ("?"); the first interval after the attach may
	# be so: the counts were first read later than slabinfo, by > 50 %;
	# a free rate not shown (null: 6.12's kmalloc, unchecked) is no number
	check "slab: every busy cache within the stated tolerance, or marked" \
		sh -c "! awk '\$8 != \"ok\" && \$7 != \"inconsistent\" && \$7 != \"unchecked\" && \$4 != \"null\"' slabfree.txt | grep -q ."
	check "slab: every busy cache says where its frees come from" \
		sh -c "! awk '\$7 !~ /^(counted|derived|inconsistent)\$/ && !(\$1 == 1 && (\$7 == \"unchecked\" || \$4 == \"null\"))' slabfree.txt | grep -q ."
	# its nodes come and go in bulk (kmem_cache_alloc_bulk/free_bulk,
	# and RCU): no event per object on any kernel, so never plain counts
	check "slab: maple_node never shown as counted" \
		sh -c "! grep -q ' maple_node .* counted ' slabfree.txt"
	# the last interval's verdict per cache, for the report
	awk '{ v[$2] = $7 } END { for (c in v) print c, v[c] }' slabfree.txt |
		sort | awk '{ printf "%s%s %s", s, $1, $2; s = ", " }
			END { print "" }' | sed 's/^/slabfree: /'
}

for t in ${ONLY:-boot ledger sample slabfree}; do
	echo "== $t (at $(cut -d' ' -f1 /proc/uptime) s)"
	$t
done
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
