# The DAMON screen through tmux at 80x24, from fixture trees: the Reclaim
# tab's A and the Memory tab's A, this machine's captured kdamond (a
# paddr pageout scheme), three kdamonds of the edge tree with their
# schemes and filters, scrolling, explain mode, and a tree without DAMON;
# the Buddy tab's map by access (a) from a recording with paddr regions.
. tests/lib.sh
TUI_NAME=${TUI_NAME:-ms-damon}
. tests/tui/lib.sh

session 80 24 "$MS --root $FIX/debian12-6.18 --tab reclaim; sleep 30"
ok "Reclaim: its hints name A" wait_for "A DAMON"
keys A
ok "Reclaim A: the DAMON screen" wait_for "DAMON: the kdamonds (read only)"
ok "the kdamond: on, its pid, paddr" wait_re "^ *kdamond 0  on  pid 105  paddr"
ok "stats: the owner's refresh, refresh_ms 0" wait_for "refresh_ms 0, as fresh"
ok "the scheme's action" wait_for "scheme 0: pageout"
ok "the access pattern, unbounded size as max" \
	wait_re "pattern: size 0B?\.\.max, accesses 0\.\.1, age 12\.\.4294967295"
keys x
ok "explain mode: the screen's title field" wait_for "kdamonds"
keys x
keys Escape
keys 6
ok "Memory: its hints name A" wait_for "A DAMON"
keys A
ok "Memory A: goes to the Reclaim tab's DAMON screen" \
	wait_for "DAMON: the kdamonds (read only)"

session 80 24 "$MS --root $FIX/edge-damon-multi --tab reclaim; sleep 30"
keys A
ok "three kdamonds counted" wait_for "3 kdamond(s)"
ok "kdamond 0: vaddr, two target processes" wait_for "target 1: pid 5678"
ok "a filter with its memcg path" wait_for "filter memcg: matching N, allow N, memcg /system.slice/db.service"
ok "kdamond 0 refreshed by the kernel" wait_for "refreshed by the kernel every 1000 ms"
keys End
ok "End: the last kdamond's migrate_cold to node 1" \
	wait_re "scheme 1: lru_prio|to node 1"

session 80 24 "$MS --root $FIX/edge-cgroup-v2 --tab reclaim; sleep 30"
keys A
ok "without DAMON: says why" wait_for "DAMON: no sys/kernel/mm/damon in this tree"

# memscope's own monitoring on the DAMON screen, from a recording of it
# (made here from the edge tree's: 12 regions of 16 MiB, the first 4 hot)
tmp=$(mktemp -d)
"$MS" -b -n 3 -d 0.2 --root "$FIX/edge-damon-multi" --record "$tmp/r.zst" \
	>/dev/null 2>&1
{
	zstdcat "$tmp/r.zst" | head -n 1
	zstdcat "$tmp/r.zst" | tail -n +2 | jq -c '.damon.target = "1234" |
		.damon.wss_kb = 65536 | .damon.regions = [range(0; 12) |
		{start: (4194304 + . * 16777216),
		 end: (4194304 + (. + 1) * 16777216),
		 nr_accesses: (if . < 4 then 20 else 0 end), age: (. * 100)}]'
} | zstd -q -o "$tmp/own.zst"
session 80 60 "$MS --replay $tmp/own.zst --tab reclaim; sleep 30"
keys A
keys End
ok "replayed monitoring: its target" \
	wait_for "memscope's own monitoring of 1234 (W, --damon)"
ok "replayed monitoring: the working set" wait_for "working set 64M"
ok "replayed monitoring: a hot region, 20 accesses, its bar" \
	wait_re "0x400000-0x1400000 +16M #{20} 20 age 0"
ok "the heatmap: the hot quarter first (@), the rest blank" \
	sh -c "tmux capture-pane -p -t '$S' | grep -q '^  *0x400000 |@ *|' &&
		tmux capture-pane -p -t '$S' | grep -q '^  *0xb800000 | *|'"
ok "the age histogram: 48M accessed, 32M not, at 10 s-1 min" \
	wait_re "10 s-1 min +#+ +48M / 32M"
rm -rf "$tmp"

# The map by access (a on the map): a recording of the lab capture's map
# (kmod-6.1-pageblocks: node 0's DMA32 from 16M, 184 blocks of 2M, 73 a
# row at 80 columns) with paddr regions made here: the first 73 blocks
# hot, the next 73 cold, the last 38 in no region
tmp=$(mktemp -d)
"$MS" -b -n 2 -d 0.2 --root "$FIX/kmod-6.1-pageblocks" --tab buddy \
	--physmap --record "$tmp/r.zst" >/dev/null 2>&1
B=2097152
{
	zstdcat "$tmp/r.zst" | head -n 1
	zstdcat "$tmp/r.zst" | tail -n +2 | jq -c --argjson b $B '.damon = {
		nr_kdamonds: null, cut: false, kdamonds: [], target: "paddr",
		wss_kb: (73 * $b / 1024), regions: [
		{start: 16777216, end: (16777216 + 73 * $b),
		 nr_accesses: 20, age: 42},
		{start: (16777216 + 73 * $b), end: (16777216 + 146 * $b),
		 nr_accesses: 0, age: 300}]}'
} | zstd -q -o "$tmp/heat.zst"
# map FILE [OPTIONS]: the replay paused, the map of node 0's DMA32
map() {
	f=$1; shift
	session 80 24 "$MS --no-config $* --replay $f; sleep 30"
	keys p Down m
	wait_for "Node 0, zone DMA32: 184 blocks of 2.0M"
}
map "$tmp/heat.zst"
ok "map: the kinds first" wait_re '^ +16M kk\.\.kk'
keys a
ok "a: the map by access" wait_for "1 a cell (fit), access"
ok "a: the hot region's blocks hot" wait_re '^ +16M #{73}$'
ok "a: the cold region's blocks cold" wait_re '^ +162M \.{73}$'
ok "a: the blocks of no region: not monitored" wait_re '^ +308M _{38}$'
ok "a: the cursor's accesses" wait_for \
	"access: hot  20.0 of 20 samples a 100 ms aggregation, 100% monitored"
ok "a: the region over it, its age" \
	wait_for "regions: 1  nr_accesses 20  age 42 (4.2 s)"
ok "a: the legend, blocks per level" \
	wait_for ". cold 73  : cool 0  + warm 0  # hot 73  _ not monitored 38"
ok "a: the scale whole at 80 columns" wait_re \
	'^\. <0\.5  : <5  \+ <10  # 10-20 accesses a 100 ms aggregation, mean by bytes *$'
ok "a: the footer keeps ? help  q quit at 80 columns" \
	sh -c "tmux capture-pane -p -t '$S' | tail -n 1 | grep -q '? help  q quit *\$'"
for i in 1 2; do keys Down; done
ok "the last row's cursor: no region there" \
	wait_for "access: not monitored (no DAMON region covers it)"
keys Up
ok "a row up: cold, for 30 s" wait_for "access: cold  0.0 of 20 samples"
ok "... age 300 (30.0 s)" wait_for "regions: 1  nr_accesses 0  age 300 (30.0 s)"
keys x
for i in 1 2 3; do keys Right; done
ok "explain: the access colouring" wait_for "Explain: access (map)"
keys x
keys a
ok "a again: the kinds" wait_re '^ +16M kk\.\.kk'
map "$tmp/heat.zst" --theme projector
keys a
wait_re '^ +16M #{73}$'
ok "projector: hot on red, cold on blue" sh -c "tmux capture-pane -e -p -t '$S' |
	grep -q '41m#####' && tmux capture-pane -e -p -t '$S' | grep -q '44m\.\.\.\.\.'"
map "$tmp/heat.zst" --theme mono --ascii
keys a
ok "mono, ASCII: the levels' letters" wait_re '^ +162M \.{73}$'
# without regions the key says why and how, and the map stays
map "$tmp/r.zst"
keys a
ok "no regions recorded: a says why, and W" \
	wait_for "a: no DAMON paddr regions recorded (W while recording)"
ok "no regions recorded: the kinds stay" wait_re '^ +16M kk\.\.kk'
zstdcat "$tmp/heat.zst" | sed 's/"target":"paddr"/"target":"4321"/' |
	zstd -q -o "$tmp/vaddr.zst"
map "$tmp/vaddr.zst"
keys a
ok "a process's monitoring: a says so, and W stops it" \
	wait_for "a: DAMON monitors pid 4321, not physical memory (W: stop)"
rm -rf "$tmp"

# W: memscope's own monitoring; from a tree it cannot start, and says so
session 100 30 "$MS --root $FIX/debian12-6.18; sleep 30"
wait_for "Buddy"
keys W
ok "W on the Buddy tab: says where it works" \
	wait_for "W: DAMON monitors a process (VMA tab) or physical memory (Memory tab, map)"
keys m
wait_for "Esc back"
keys W
ok "W on the Buddy tab's map: physical memory (below --root: says why not)" \
	wait_for "DAMON: only on the live system (not below --root)"
keys Escape
keys 6
wait_for "Bucket"
keys W
ok "W on the Memory tab below --root: says why not" \
	wait_for "DAMON: only on the live system (not below --root)"
ok "W that could not start: no DAMON in the header" sh -c \
	"! tmux capture-pane -p -t '$S' | head -n 1 | grep -q DAMON"

# This machine: its own kdamond is on, so W refuses and writes nothing
A=/sys/kernel/mm/damon/admin/kdamonds
if [ "$(id -u)" = 0 ] && grep -qx on "$A"/*/state 2>/dev/null; then
	before=$(cat "$A/nr_kdamonds" "$A"/*/state)
	session 120 30 "$MS; sleep 30"
	wait_for "Buddy"
	keys 6
	wait_for "Bucket"
	keys W
	ok "live W (Memory): why it cannot start beside this machine's kdamond" \
		wait_for "DAMON: kdamond 0 is on, not memscope's: DAMON's sysfs refuses nr_kdamonds changes"
	keys 3
	wait_for "PID"
	keys W
	ok "live W (VMA): the same" wait_for "DAMON: kdamond 0 is on, not memscope's"
	keys q
	ok "live W: nr_kdamonds and every state as they were" \
		test "$(cat "$A/nr_kdamonds" "$A"/*/state)" = "$before"
fi
finish
