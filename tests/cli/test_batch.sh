# Batch mode, the JSON contract (docs/json.md) and the command line,
# on captured trees and on the live system.
. tests/lib.sh
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
R=$FIX/debian12-6.18

ok "--help exits 0" "$MS" --help
ok "--version names the program" sh -c "'$MS' --version | grep -q '^memscope '"
"$MS" --version > "$tmp/version"
for b in bpf taskstats; do
	ok "--version says whether built with $b" \
		grep -qE "^built with(out)?: (.* )?$b( |\$)" "$tmp/version"
done
no "--tab rejects an unknown tab" "$MS" -b --tab nosuch
no "-d rejects 0" "$MS" -b -d 0
no "-n rejects garbage" "$MS" -b -n 1x
no "--root of a missing dir fails" "$MS" -b -n 1 --root /nonexistent
ok "--root of a missing dir says why" sh -c "'$MS' -b -n 1 --root /nonexistent 2>&1 | grep -q 'cannot open root'"
no "an empty dir is no data source" "$MS" -b -n 1 --root "$tmp"

"$MS" -b -n 1 --json --root "$R" > "$tmp/all.json"
ok "JSON: one line per sample" test "$(wc -l < "$tmp/all.json")" -eq 1
ok "JSON: top-level keys" jq_ok "$tmp/all.json" \
	'has("timestamp") and has("kernel") and has("sources")'
ok "JSON: kernel of the tree" jq_ok "$tmp/all.json" '.kernel | startswith("6.18")'
ok "JSON: sources name backends" jq_ok "$tmp/all.json" \
	'.sources.buddy == "procfs" and .sources.slab == "procfs" and .sources.reclaim == "procfs" and .sources.numa == "procfs"'
ok "JSON: buddy zone keys" jq_ok "$tmp/all.json" \
	'.buddy.zones[0] | has("node") and has("zone") and has("free_pages") and has("free_blocks") and has("largest_order") and has("frag_index") and has("unusable_index") and has("extfrag_index") and has("managed_pages") and has("migratetypes") and (.watermarks | has("min") and has("low") and has("high"))'
ok "JSON: buddy free_pages = sum of blocks" jq_ok "$tmp/all.json" \
	'[.buddy.zones[] | .free_pages == ([.free_blocks | to_entries[] | .value * pow(2; .key)] | add)] | all'
ok "JSON: slab cache keys" jq_ok "$tmp/all.json" \
	'.slab.caches | length > 50 and (.[0] | has("name") and has("active_objs") and has("num_objs") and has("objsize") and has("objperslab") and has("pagesperslab") and has("active_slabs") and has("num_slabs") and has("size_bytes"))'
ok "JSON: processes" jq_ok "$tmp/all.json" \
	'.processes | length > 0 and (.[0] | has("pid") and has("comm") and has("rss_kb") and has("pss_kb") and has("swap_kb") and has("vmas"))'
ok "JSON: reclaim" jq_ok "$tmp/all.json" \
	'.reclaim.vmstat.pgfault > 0 and (.reclaim.psi.some | has("avg10") and has("avg60") and has("avg300") and has("total")) and (.reclaim.rates | length == 0)'
ok "JSON: numa" jq_ok "$tmp/all.json" \
	'.numa.nodes[0] | has("node") and has("cpus") and has("mem_total_kb") and has("mem_free_kb") and (.distance | length > 0) and (.numastat | has("numa_hit"))'

"$MS" -b -n 2 -d 0.1 --json --root "$R" --tab reclaim > "$tmp/two.json"
ok "JSON: two samples, two lines" test "$(wc -l < "$tmp/two.json")" -eq 2
# the same files read twice: a static capture has no rates, not 0/s
ok "JSON: a static capture has no rates" sh -c \
	"tail -n 1 '$tmp/two.json' | jq -e '.reclaim.rates == {}'"
"$MS" -b -n 2 -d 0.2 --json --tab reclaim > "$tmp/live2.json"
ok "JSON: live rates from the second sample" sh -c \
	"head -n 1 '$tmp/live2.json' | jq -e '.reclaim.rates == {}' &&
	 tail -n 1 '$tmp/live2.json' | jq -e '.reclaim.rates.pgfault >= 0'"

# multi-size THP: every hugepages-NkB size of the 6.12 tree, rates only live
"$MS" -b -n 2 -d 0.1 --json --root $FIX/debian-6.12-2node --tab reclaim \
	> "$tmp/mthp.json"
ok "JSON: thp_sizes, ascending, every stats/ file" sh -c \
	"tail -n 1 '$tmp/mthp.json' | jq -e '.reclaim.thp_sizes |
	 map(.size_kb) == [8,16,32,64,128,256,512,1024,2048] and
	 .[0].enabled == null and .[0].shmem_enabled == \"never\" and
	 .[8].enabled == \"inherit\" and (.[8].stats | length) == 13 and
	 .[8].stats.anon_fault_alloc == 41 and .[8].stats.nr_anon == 23 and
	 all(.[]; .rates == {})'"
"$MS" -b -n 1 --json --root $FIX/debian-6.1-2node --tab reclaim \
	> "$tmp/nomthp.json"
ok "JSON: 6.1 has no thp_sizes and says why" jq_ok "$tmp/nomthp.json" \
	'.reclaim.thp_sizes == [] and
	 ([.unavailable[] | select(.what == "thp_sizes")] | length) == 1'
if ls -d /sys/kernel/mm/transparent_hugepage/hugepages-*kB >/dev/null 2>&1
then
	ok "JSON: live thp_sizes get rates from the second sample" sh -c \
		"head -n 1 '$tmp/live2.json' |
		 jq -e 'all(.reclaim.thp_sizes[]; .rates == {})' &&
		 tail -n 1 '$tmp/live2.json' | jq -e '.reclaim.thp_sizes |
		 length > 0 and all(.[]; (.rates | length) == (.stats | length))'"
fi

"$MS" -b -n 1 --json --root "$R" --tab vma --pid 9080 > "$tmp/vma.json"
ok "JSON: --pid gives vmas" jq_ok "$tmp/vma.json" \
	'.vmas.pid == 9080 and (.vmas.list | length > 0) and (.vmas.list[0] | has("start") and has("end") and has("perms") and has("offset") and has("dev") and has("inode") and has("path") and has("size_kb") and has("rss_kb") and has("pss_kb") and has("swap_kb") and has("anon_huge_kb")) and (.vmas.list[0].start | test("^[0-9a-f]+$"))'
ok "JSON: --tab vma --pid leaves out the process list" jq_ok "$tmp/vma.json" \
	'has("processes") | not'
ok "JSON: the heap of pid 9080" jq_ok "$tmp/vma.json" \
	'[.vmas.list[] | select(.path == "[heap]")] | length == 1'
"$MS" -b -n 1 --json --root "$R" --tab vma --pid 1 > "$tmp/vma1.json"
ok "JSON: a pid without maps says why" jq_ok "$tmp/vma1.json" \
	'[.unavailable[] | select(.why | test("no maps or smaps"))] | length == 1'
"$MS" -b -n 1 --json --root "$R" --tab vma > "$tmp/procs.json"
ok "JSON: hostile comm escaped" jq_ok "$tmp/procs.json" \
	'[.processes[] | select(.pid == 9081)][0].comm == "evil\\x1b[31m\\x0aname"'

"$MS" -b -n 1 --root "$R" > "$tmp/all.txt"
ok "text: every tab is printed" sh -c "grep -q '^Buddy' '$tmp/all.txt' && grep -q '^Slab' '$tmp/all.txt' && grep -q '^Processes' '$tmp/all.txt' && grep -q '^Reclaim' '$tmp/all.txt' && grep -q '^NUMA' '$tmp/all.txt'"
no "text: no raw control bytes" grep -q "$(printf '[\001-\010\013-\037\177]')" "$tmp/all.txt"

"$MS" --capture "$tmp/cap" >/dev/null 2>&1
ok "capture writes a tree" test -s "$tmp/cap/proc/buddyinfo"
"$MS" -b -n 1 --json --root "$tmp/cap" --tab buddy > "$tmp/cap.json"
ok "captured tree reads back" jq_ok "$tmp/cap.json" '.buddy.zones | length > 0'

"$MS" --root $FIX/kmod-6.1 --capture "$tmp/capk" >/dev/null 2>&1
ok "capture with the module keeps procfs's files too" \
	test -s "$tmp/capk/proc/buddyinfo" -a -s "$tmp/capk/proc/pagetypeinfo" -a -s "$tmp/capk/proc/memscope/buddy"

( "$MS" -b -d 0.1 --root "$R"; echo $? > "$tmp/rc" ) | head -n 1 > /dev/null
ok "a closed pipe ends batch mode cleanly" test "$(cat "$tmp/rc")" = 0

# DAMON (batch only): its kdamonds from a tree; the explorer says where
"$MS" -b -n 1 --root "$FIX/edge-damon-multi" --tab damon --json >"$tmp/d.json"
ok "--tab damon: the tree's 3 kdamonds" jq_ok "$tmp/d.json" \
	'.damon.kdamonds | length == 3'
ok "--tab damon: only the DAMON section (and meminfo)" jq_ok "$tmp/d.json" \
	'has("buddy") | not'
"$MS" --root "$FIX/edge-damon-multi" --tab damon >"$tmp/d.out" 2>&1 </dev/null
ok "the explorer's --tab damon: refused, says where it is" \
	grep -q "A on the Reclaim or Memory tab" "$tmp/d.out"
# --damon: memscope's own monitoring, live and in batch only
"$MS" -b -n 1 --damon nope >"$tmp/d.out" 2>&1
ok "--damon nope: exit 2" test $? = 2
ok "--damon nope: says what it takes" grep -q "paddr or a pid" "$tmp/d.out"
"$MS" --damon paddr >"$tmp/d.out" 2>&1 </dev/null
ok "--damon without -b: exit 2, said" \
	sh -c "test $? = 2 && grep -q 'goes with -b' '$tmp/d.out'"
"$MS" -b -n 1 --damon paddr --json --root "$FIX/edge-damon-multi" \
	>"$tmp/d.json" 2>"$tmp/d.out"
ok "--damon below --root: exit 1" test $? = 1
ok "--damon below --root: only live, said" \
	grep -qx "memscope: --damon paddr: only on the live system (not below --root)" "$tmp/d.out"
ok "--damon below --root: no sample printed" test ! -s "$tmp/d.json"

"$MS" -b -n 1 --json > "$tmp/live.json"
ok "live: sources set" jq_ok "$tmp/live.json" '.sources.buddy == "procfs"'
if command -v setpriv >/dev/null && [ "$(id -u)" = 0 ]; then
	setpriv --reuid=65534 --regid=65534 --clear-groups "$MS" -b -n 1 --json > "$tmp/user.json" 2>&1
	ok "not root: still runs" jq_ok "$tmp/user.json" '.buddy.zones | length > 0'
	ok "not root: says what needs root" jq_ok "$tmp/user.json" \
		'[.unavailable[] | select(.why | test("needs root"))] | length > 0'
fi
finish
