#!/bin/sh
# The page census on this machine (root; skipped without /proc/kpageflags):
# a whole pass counts every page frame of the file exactly once, each zone
# its spanned pages, holes where /proc/iomem has no System RAM; and the
# free and LRU kinds agree with the kernel's counters. The counters move
# while a pass reads (0.5 s for 24 GiB, longer on a busy machine), so the
# agreement is within what they moved plus a stated tolerance in pages, and
# a sample that misses it is taken again (at most three): a busy machine
# can move more pages in one pass than any tolerance, never three times in
# a row by chance.
. tests/lib.sh
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# pages the census may differ from meminfo beyond what meminfo moved
# during its pass: 64 MiB of 4 KiB pages (the per-CPU lists hold up to
# a few MiB per CPU; the LRU's per-CPU batches 15 folios per CPU)
TOL=16384

if [ ! -r /proc/kpageflags ]; then
	echo "census: skipped (needs root and /proc/kpageflags)"
	finish
	exit
fi

J=$tmp/s.json
sample() {
	grep -E '^(MemFree|Active|Inactive|Unevictable):' /proc/meminfo >"$tmp/m0"
	"$MS" -b -n 1 --json --tab memory >"$J" 2>"$tmp/err"
	grep -E '^(MemFree|Active|Inactive|Unevictable):' /proc/meminfo >"$tmp/m1"
}
# kb FILE FIELD: a meminfo value, kB
kb() { awk -v k="$2:" '$1 == k { print $2 }' "$1"; }
pages_file=$(($(wc -c </proc/kpageflags) / 8))

sample
C='.memory.census'
ok "a whole pass: complete, every page frame of /proc/kpageflags counted" \
	jq_ok "$J" "$C.complete and $C.pages == $pages_file and $C.progress == 1"
ok "the kinds add up to the pages" \
	jq_ok "$J" "([$C.kinds[]] | add) == $C.pages"
ok "each zone: its spanned pages, its kinds adding up to them" \
	jq_ok "$J" "all($C.zones[]; .pages == .spanned_pages and
		([.kinds[]] | add) == .pages)"
ok "the zones and what no zone spans are every page" \
	jq_ok "$J" "([$C.zones[].spanned_pages] | add) + $C.nozone == $C.pages"
ok "holes: each zone's spanned - present (System RAM from /proc/iomem)" \
	jq_ok "$J" "all($C.zones[]; .kinds.hole == .spanned_pages - .present_pages)"
ok "no census note" jq_ok "$J" 'all(.unavailable[]; .what != "census")'

# free and the LRU against meminfo: MemFree counts the buddy's free pages
# (and, on a kernel initialising memory on demand, what it has not
# initialised: the ledger's deferred); free+LRU within what moved + TOL
agree() {
	l0=$(( ($(kb "$tmp/m0" Active) + $(kb "$tmp/m0" Inactive) +
		$(kb "$tmp/m0" Unevictable)) / 4 ))
	l1=$(( ($(kb "$tmp/m1" Active) + $(kb "$tmp/m1" Inactive) +
		$(kb "$tmp/m1" Unevictable)) / 4 ))
	jq -e --argjson f0 $(($(kb "$tmp/m0" MemFree) / 4)) \
		--argjson f1 $(($(kb "$tmp/m1" MemFree) / 4)) \
		--argjson l0 "$l0" --argjson l1 "$l1" --argjson tol $TOL '
		def near($v; $a; $b): $v >= ([$a, $b] | min) - $tol and
			$v <= ([$a, $b] | max) + $tol;
		.memory.census as $c |
		(([.memory.ledger[] | select(.name == "deferred") | .kb] |
		  add // 0) / 4) as $deferred |
		near($c.kinds.free + $deferred; $f0; $f1) and
		near($c.kinds.anon + $c.kinds.shmem + $c.kinds.file +
		     $c.kinds.unevictable; $l0; $l1) and
		all($c.checks[] | select(.what == "free" or
			(.what | startswith("lru_")) or .what == "unevictable");
		    .ok)' "$J" >/dev/null
}
try=1
until agree || [ $try -ge 3 ]; do
	try=$((try + 1))
	sample
done
ok "free and LRU pages agree with meminfo and zoneinfo (try $try of 3)" agree

# a capture with --tab memory holds the flags; --root on it counts them
"$MS" --capture "$tmp/cap" --tab memory >/dev/null 2>&1
ok "--capture --tab memory copies proc/kpageflags whole" \
	test "$(wc -c <"$tmp/cap/proc/kpageflags")" -eq $((pages_file * 8))
"$MS" -b -n 1 --json --tab memory --root "$tmp/cap" >"$tmp/cap.json" 2>&1
ok "the captured tree's census counts every page frame" \
	jq_ok "$tmp/cap.json" ".memory.census.complete and
		.memory.census.pages == $pages_file"
# --physmap too: the map of the captured tree is the live one's
"$MS" --capture "$tmp/cap3" --physmap >/dev/null 2>&1
ok "--capture --physmap copies proc/kpageflags whole" \
	test "$(wc -c <"$tmp/cap3/proc/kpageflags")" -eq $((pages_file * 8))
"$MS" -b -n 1 --json --tab buddy --physmap --root "$tmp/cap3" >"$tmp/cap3.json" 2>&1
ok "the captured tree's map: every zone's blocks read" \
	jq_ok "$tmp/cap3.json" '[.physmap.zones[] | .counts.unread == 0 and (.blocks | length) > 0] | all and length > 0'
rm -rf "$tmp/cap3"
"$MS" --capture "$tmp/cap2" >/dev/null 2>&1
no "a capture without --tab memory leaves it out" \
	test -e "$tmp/cap2/proc/kpageflags"
finish
