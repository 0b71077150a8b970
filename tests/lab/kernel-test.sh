#!/bin/sh
# Lab VM guest script of tests/lab/test_kernels.sh: memscope without the
# module on the kernel this VM booted (LAB_SERIES, 6.1 or 6.12): a batch
# sample (procfs, and BPF where the kernel has BTF), the Memory ledger's
# unexplained on the idle guest, then the slab Free/s invariant under churn
# (issue 12 item 1, as tests/hostile/test_slabfree.sh on the host), memory
# cgroups on v2, the page cache's events by file and memscope's own DAMON
# monitoring (--damon, and W in the explorer when /bin/tmux is there).
# Needs /bin/memscope, /bin/hostile, /bin/jq, /lab/slabfree.jq and
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

# Issue 14 on cgroup v2 (mounted here): a task over memory.high without
# swap is throttled, which shows in its cgroup's PSI and memory.events
# high; a cgroup removed while its page cache lives on is counted dying in
# its parent; the BPF reclaim group puts the stalls under the cgroup and
# marks an OOM kill at memory.max a cgroup OOM with the cgroup's path.
CG=/sys/fs/cgroup

cg_setup() {
	mkdir -p $CG
	grep -q " $CG cgroup2 " /proc/mounts || mount -t cgroup2 none $CG
	echo +memory >$CG/cgroup.subtree_control &&
		mkdir -p $CG/lab && echo +memory >$CG/lab/cgroup.subtree_control &&
		mkdir -p $CG/lab/high $CG/lab/dead $CG/lab/oom &&
		echo 8M >$CG/lab/high/memory.high &&
		echo 16M >$CG/lab/oom/memory.max
}

# in CGROUP, run the rest
cg_run() {
	d=$1
	shift
	sh -c "echo \$\$ >$CG$d/cgroup.procs && exec \"\$@\"" sh "$@"
}

# the cgroup PATH of the last sample of FILE
cg_of() {
	tail -n 1 "$2" | jq -c --arg p "$1" '.cgroups[] | select(.path == $p)'
}

cgroup() {
	cg_setup
	r=$?
	check "cgroup: v2 with the memory controller, /lab/{high,dead,oom}" \
		[ $r = 0 ]
	[ $r = 0 ] || return
	btf=0
	[ -r /sys/kernel/btf/vmlinux ] && btf=1
	[ $btf = 1 ] && { memscope -b -n 4 -d 2 --json --tab reclaim \
		>cgbpf.json 2>cgbpf.err & }
	mp=$!
	# the reclaim group attached: its first interval has begun
	i=0
	while [ $btf = 1 ] && [ $i -lt 120 ]; do
		n=$(grep -c . cgbpf.json 2>/dev/null)
		[ "${n:-0}" -ge 2 ] && break
		sleep 0.5
		i=$((i + 1))
	done
	cg_run /lab/high hostile anon 32 >/dev/null 2>&1 &
	bg="$bg $!"
	cg_run /lab/oom hostile anon 64 >/dev/null 2>&1
	check "cgroup: a task over memory.max is OOM-killed (status $?)" \
		[ $? = 137 ]
	sleep 4
	memscope -b -n 2 -d 2 --json --tab cgroup >cg.json 2>cg.err
	check "cgroup: memscope -b -n 2 --json --tab cgroup exits 0" [ $? = 0 ]
	f=cg.json
	cg_of /lab/high $f | jq -c '{path, high_kb, current_kb, events,
		psi: .psi.some}' | sed 's/^/# /'
	jqc "cgroup: /lab/high at its memory.high, 8 MiB" \
		'.cgroups[] | select(.path == "/lab/high") | .high_kb == 8192' $f
	jqc "cgroup: memory.high throttling counted in memory.events high" \
		'.cgroups[] | select(.path == "/lab/high") | .events.high > 0' $f
	jqc "cgroup: ... and in its PSI (some total, avg10)" \
		'.cgroups[] | select(.path == "/lab/high") |
		 .psi.some.total > 0 and .psi.some.avg10 > 0' $f
	jqc "cgroup: /lab/oom's memory.events counts the OOM kill" \
		'.cgroups[] | select(.path == "/lab/oom") |
		 .events.oom_kill >= 1 and .events.max > 0' $f
	cleanup
	# page cache charged to /lab/dead outlives it: rmdir leaves it dying
	cg_run /lab/dead dd if=/dev/zero of=/tmp/cgdead bs=1M count=4 \
		2>/dev/null
	rmdir $CG/lab/dead
	check "cgroup: /lab/dead removed while its page cache is held" \
		[ ! -d $CG/lab/dead ]
	echo "# /lab cgroup.stat: $(tr '\n' ' ' <$CG/lab/cgroup.stat)"
	memscope -b -n 1 --json --tab cgroup >cgdead.json 2>cgdead.err
	cg_of /lab cgdead.json | jq -c '{path, dying}' | sed 's/^/# /'
	jqc "cgroup: the parent /lab counts it dying" \
		'.cgroups[] | select(.path == "/lab") | .dying >= 1' cgdead.json
	jqc "cgroup: ... as the kernel does (cgroup.stat)" \
		".cgroups[] | select(.path == \"/lab\") | .dying ==
		 $(sed -n 's/^nr_dying_descendants //p' $CG/lab/cgroup.stat)" \
		cgdead.json
	rm -f /tmp/cgdead
	cg_bpf $btf $mp
	rmdir $CG/lab/high $CG/lab/oom $CG/lab 2>/dev/null
}

# The reclaim events of the first part: the stalls under /lab/high, the
# OOM kill in /lab/oom a cgroup OOM (how known: fentry runs on these).
cg_bpf() {
	if [ "$1" = 0 ]; then
		echo "# no /sys/kernel/btf/vmlinux: no BPF checks"
		return
	fi
	wait "$2"
	check "cgroup bpf: memscope --tab reclaim exits 0" [ $? = 0 ]
	f=cgbpf.json
	jq -c '.reclaim.direct_reclaim.cgroups[]? | {path, id,
		memcg: .memcg.count, pages: .pages_reclaimed.memcg}' $f |
		sed 's/^/# stalls: /'
	jq -c '.reclaim.oom_events[]? | {pid, comm, cgroup, cgroup_id, scope,
		scope_by, oom_cgroup}' $f | tail -n 1 | sed 's/^/# oom: /'
	jq -c '[.unavailable[] | select(.what | test("^bpf"))]' $f |
		tail -n 1 | sed 's/^/# bpf unavailable: /'
	check "cgroup bpf: memcg stalls under /lab/high" sh -c \
		"jq -e -s '[.[].reclaim.direct_reclaim.cgroups[]? |
		  select(.path == \"/lab/high\" and .memcg.count > 0)] |
		  length > 0' $f >/dev/null"
	jqc "cgroup bpf: the OOM kill in /lab/oom, a cgroup OOM" \
		'[.reclaim.oom_events[] | select(.comm == "hostile" and
		  .cgroup == "/lab/oom" and .scope == "cgroup")] | length == 1' $f
	jqc "cgroup bpf: its cgroup_id is /lab/oom's inode number" \
		"[.reclaim.oom_events[] | select(.cgroup == \"/lab/oom\")][0] |
		 .cgroup_id == $(stat -c %i $CG/lab/oom)" $f
}

# The page cache's events (the pcache BPF group), as
# tests/cli/test_pcache_events.sh on the host: a 64 MiB file with a hostile
# name written and closed on a ramfs (its pages go through
# filemap_add_folio, as a disk filesystem's) is listed by name with its
# pages added; removing it counts them removed; nothing stays attached.
# lines FILE N: until FILE has N lines (TCG is slow: up to 120 s)
lines() {
	i=0
	while [ "$( (wc -l <"$1") 2>/dev/null || echo 0)" -lt "$2" ] &&
		[ $i -lt 1200 ]; do
		sleep 0.1
		i=$((i + 1))
	done
}

pc_row() {
	jq -e --argjson i "$ino" \
		"[.memory.files[] | select(.ino == \$i)][0] | $1" pca.json \
		>/dev/null
}

pcache() {
	mkdir -p /mnt/pc && mount -t ramfs pc /mnt/pc || {
		check "pcache: a ramfs to write on" false
		return
	}
	name=$(printf 'pc\nnew\377ev.dat')
	memscope -b -d 1 --json --tab memory >pc.json 2>pc.err &
	ms=$!
	bg="$bg $ms"
	lines pc.json 1
	jqc "pcache: pagecache_events from bpf" \
		'.sources.pagecache_events == "bpf"' pc.json
	dd if=/dev/zero of="/mnt/pc/$name" bs=1M count=64 2>/dev/null
	ino=$(ls -i /mnt/pc | awk '{ print $1; exit }')
	n=$(wc -l <pc.json)
	lines pc.json $((n + 2))
	tail -n 1 pc.json >pca.json
	check "pcache: the closed file listed, events, >= 62 MiB added" \
		pc_row '.method == "events" and .added_kb >= 63488 and .cached_kb >= 63488'
	check "pcache: by its name, escaped" \
		pc_row '.path == "/mnt/pc/pc\\x0anew\\xffev.dat" and (.name_partial | not)'
	removed=$(jq '.memory.files_events_removed_kb' pca.json)
	rm -f "/mnt/pc/$name"
	n=$(wc -l <pc.json)
	lines pc.json $((n + 2))
	check "pcache: removed, >= 62 MiB more" sh -c \
		"tail -n 1 pc.json | jq -e --argjson r '$removed' \
		 '.memory.files_events_removed_kb - \$r >= 63488' >/dev/null"
	kill -INT $ms
	wait $ms
	check "pcache: memscope exits 0 on SIGINT" test $? = 0
	bg=""
	check "pcache: no BPF program left" sh -c \
		'! cat /proc/[0-9]*/fdinfo/* 2>/dev/null | grep -q "^prog_id"'
	umount /mnt/pc
}

# DAMON (issue 15): memscope's own monitoring (--damon) of a process that
# writes one region over and over and another once, by pid (vaddr) and
# physical memory (paddr): the hot region's accesses above the cold one's;
# nothing left behind after the run, SIGINT, SIGTERM, SIGHUP, a crash
# (SIGSEGV: memscope puts it back as it dies), the process exiting, and
# SIGKILL (the next memscope puts it back). 6.1 has no DAMON: said.
DK=/sys/kernel/mm/damon/admin/kdamonds
dm_gone() {
	[ "$(cat $DK/nr_kdamonds)" = "$nr0" ] &&
		! grep -qx on $DK/*/state 2>/dev/null &&
		! ls /run/memscope/damon-* >/dev/null 2>&1
}

# dm_avg FILE START END: the last sample's nr_accesses, averaged over the
# bytes of [START, END) the regions cover
dm_avg() {
	tail -n 1 "$1" | jq --argjson s "$2" --argjson e "$3" '[.damon.regions[]
		| {o: ([([.end, $e] | min) - ([.start, $s] | max), 0] | max),
		   n: .nr_accesses}] | (map(.o * .n) | add) /
		([(map(.o) | add), 1] | max)'
}

# hotcold MIB OUT: a process touching MIB hot and MIB cold (its regions
# in OUT), ready within 60 s; its pid in hcp
hotcold() {
	hostile hotcold "$1" >"$2" &
	hcp=$!
	bg="$bg $hcp"
	i=0
	while ! grep -q '^ready' "$2" && [ $i -lt 600 ]; do
		sleep 0.1
		i=$((i + 1))
	done
}

dm_run() {
	memscope -b -d 1 --damon "$1" --json >"$2" 2>"$2.err" &
	ms=$!
	bg="$bg $ms"
	lines "$2" 2
}

# tw_wait TEXT: the explorer's tmux pane shows TEXT within 120 s (TCG);
# the pane is left in tw.pane
tw_wait() {
	i=0
	while ! tmux capture-pane -p -t tw >tw.pane 2>/dev/null ||
		! grep -qF "$1" tw.pane; do
		[ $i -ge 1200 ] && return 1
		sleep 0.1
		i=$((i + 1))
	done
}

# The explorer's W (issue 15) in tmux: on the Memory tab it starts
# memscope's own paddr monitoring, the DAMON screen (A) shows it, q ends
# memscope and removes it.
damon_w() {
	if ! command -v tmux >/dev/null; then
		echo "# damon: no tmux in the guest: W not checked"
		return
	fi
	rm -f tw.rc
	tmux -f /dev/null new-session -d -s tw -x 120 -y 40 \
		"memscope --tab memory 2>tw.err; echo \$? >tw.rc"
	check "damon W: the explorer's Memory tab in tmux" tw_wait "A DAMON"
	tmux send-keys -t tw W
	# the header first: under TCG on a busy host the sample that makes
	# the kdamond took over a minute in one make check
	check "damon W: the header says DAMON paddr" tw_wait "DAMON paddr"
	i=0
	while ! grep -qx on $DK/0/state 2>/dev/null && [ $i -lt 1200 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	check "damon W: memscope's kdamond on" grep -qx on $DK/0/state
	tmux send-keys -t tw A
	check "damon W: the DAMON screen shows memscope's own monitoring" \
		tw_wait "memscope's own monitoring of paddr (W, --damon)"
	check "damon W: and its working set" tw_wait "working set"
	cp tw.pane tw-damon.pane
	tmux send-keys -t tw q
	i=0
	while [ ! -s tw.rc ] && [ $i -lt 600 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	check "damon W: q ends memscope, status 0" grep -qx 0 tw.rc
	check "damon W: q: no kdamond on, nr_kdamonds $nr0 again" dm_gone
	tmux kill-server 2>/dev/null
}

damon() {
	mkdir -p /run
	if [ ! -d $DK ]; then
		memscope -b -n 1 --damon paddr --json >dm.json 2>dm.err
		check "damon: no DAMON on this kernel: exit 1" [ $? = 1 ]
		check "damon: no DAMON on this kernel: said" grep -q \
			"^memscope: --damon paddr: no DAMON sysfs interface" dm.err
		check "damon: no DAMON on this kernel: no sample" [ ! -s dm.json ]
		return
	fi
	nr0=$(cat $DK/nr_kdamonds)
	hotcold 128 hc.out
	hc=$hcp
	set -- $(sed -n 's/^hot //p' hc.out) $(sed -n 's/^cold //p' hc.out)
	memscope -b -n 8 -d 1 --damon $hc --json >dv.json 2>dv.err
	check "damon: --damon PID exits 0" [ $? = 0 ]
	jqc "damon: vaddr: target is the pid, 10 regions or more" \
		".damon.target == \"$hc\" and (.damon.regions | length) >= 10" dv.json
	hot=$(dm_avg dv.json $1 $2) cold=$(dm_avg dv.json $3 $4)
	echo "# damon vaddr: nr_accesses hot $hot cold $cold," \
		"wss $(tail -n 1 dv.json | jq .damon.wss_kb) kB"
	check "damon: vaddr: the hot region's nr_accesses above the cold one's" \
		awk "BEGIN { exit !($hot > $cold) }"
	jqc "damon: vaddr: the working set holds half the hot region or more" \
		'.damon.wss_kb >= 65536' dv.json
	check "damon: vaddr: nothing left after the run" dm_gone
	memscope -b -n 8 -d 1 --damon paddr --json >dp.json 2>dp.err
	check "damon: --damon paddr exits 0" [ $? = 0 ]
	jqc "damon: paddr: target paddr, its own kdamond listed" \
		'.damon.target == "paddr" and (.damon.kdamonds[0].operations == "paddr")' dp.json
	tail -n 1 dp.json | jq -r '.damon.regions[] |
		"\(.start) \(.end) \(.nr_accesses)"' >dp.reg
	set -- $(awk 'NR == FNR { s[NR] = $1; e[NR] = $2; n[NR] = $3; k = NR
			next }
		$1 == "h" || $1 == "c" { a = $2 * 4096
			for (i = 1; i <= k; i++)
				if (a >= s[i] && a < e[i]) {
					sum[$1] += n[i]; cnt[$1]++; break } }
		END { printf "%f %f %d %d\n", sum["h"] / (cnt["h"] + !cnt["h"]),
			sum["c"] / (cnt["c"] + !cnt["c"]), cnt["h"], cnt["c"] }' \
		dp.reg hc.out)
	echo "# damon paddr: nr_accesses of the hot pages' regions $1 ($3" \
		"pages), of the cold pages' $2 ($4 pages)"
	check "damon: paddr: the hot pages' regions above the cold pages'" \
		awk "BEGIN { exit !($3 > 0 && $4 > 0 && $1 > $2) }"
	check "damon: paddr: nothing left after the run" dm_gone
	for sig in INT TERM HUP; do
		dm_run $hc ds.json
		check "damon: SIG$sig: the kdamond on while memscope runs" \
			grep -qx on $DK/0/state
		kill -$sig $ms
		wait $ms
		check "damon: SIG$sig: memscope exits 0" [ $? = 0 ]
		check "damon: SIG$sig: no kdamond on, nr_kdamonds $nr0 again" \
			dm_gone
	done
	# a crash: memscope turns its kdamond off itself, then dies of it
	dm_run $hc dc.json
	check "damon: SIGSEGV: the kdamond on while memscope runs" \
		grep -qx on $DK/0/state
	kill -SEGV $ms
	wait $ms
	check "damon: SIGSEGV: memscope dies of it (status 139)" [ $? = 139 ]
	check "damon: SIGSEGV: at once no kdamond on, nr_kdamonds $nr0 again" \
		dm_gone
	dm_run $hc dk.json
	kill -KILL $ms
	wait $ms
	check "damon: SIGKILL: memscope's kdamond left on" grep -qx on $DK/0/state
	check "damon: SIGKILL: its records hold the kdamond's pid" grep -q \
		" $DK/0/pid $(cat $DK/0/pid)\$" /run/memscope/damon-1-state
	check "damon: SIGKILL: and nr_kdamonds' its process" grep -q \
		" $DK/0/contexts/0/targets/0/pid_target $hc\$" \
		/run/memscope/damon-2-nr
	memscope -b -n 1 --tab buddy >/dev/null 2>dk.err
	check "damon: the next memscope turns it off and says so" \
		grep -q "kdamonds/0/state put back to off" dk.err
	check "damon: SIGKILL: then nothing left" dm_gone
	# killed, then someone else's kdamond in slot 0: not memscope's to remove
	dm_run $hc dk.json
	kill -KILL $ms
	wait $ms
	echo off >$DK/0/state
	echo 0 >$DK/nr_kdamonds
	echo 1 >$DK/nr_kdamonds
	echo 1 >$DK/0/contexts/nr_contexts
	echo vaddr >$DK/0/contexts/0/operations
	echo 1 >$DK/0/contexts/0/targets/nr_targets
	echo $hc >$DK/0/contexts/0/targets/0/pid_target
	echo on >$DK/0/state
	memscope -b -n 1 --tab buddy >/dev/null 2>dk.err
	check "damon: SIGKILL, then another's kdamond: left on, said" \
		sh -c "grep -qx on $DK/0/state && [ \$(cat $DK/nr_kdamonds) = 1 ] &&
		grep -q 'kdamonds/0/state left as it is' dk.err"
	check "damon: SIGKILL, then another's kdamond: records forgotten" \
		sh -c '! ls /run/memscope/damon-* >/dev/null 2>&1'
	echo off >$DK/0/state
	echo 0 >$DK/nr_kdamonds
	check "damon: SIGKILL, then another's kdamond: removed by hand" dm_gone
	dm_run $hc dx.json
	kill $hc
	wait $ms
	check "damon: the process exits: memscope exits 1" [ $? = 1 ]
	check "damon: the process exits: said" \
		grep -q "^memscope: --damon $hc: pid $hc: the kdamond stopped" dx.json.err
	check "damon: the process exits: nothing left" dm_gone
	# killed, then its process exits and the kdamond stops by itself: the
	# set-up is still memscope's, and the next memscope removes it
	hotcold 16 hc2.out
	hc2=$hcp
	dm_run $hc2 dp.json
	kill -KILL $ms
	wait $ms
	kill $hc2
	wait $hc2
	i=0
	while [ "$(cat $DK/0/pid)" != -1 ] && [ $i -lt 600 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	check "damon: SIGKILL, then its process exits: the kdamond stopped" \
		[ "$(cat $DK/0/pid)" = -1 ]
	memscope -b -n 1 --tab buddy >/dev/null 2>dp.err
	check "damon: ... the next memscope puts nr_kdamonds back, says so" \
		grep -q "kdamonds/nr_kdamonds put back to 0" dp.err
	check "damon: ... then nothing left" dm_gone
	bg=""
	damon_w
}

for t in ${ONLY:-boot ledger sample slabfree cgroup pcache damon}; do
	echo "== $t (at $(cut -d' ' -f1 /proc/uptime) s)"
	$t
done
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
