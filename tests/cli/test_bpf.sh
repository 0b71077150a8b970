# The BPF backend from the outside (root, a kernel with BTF): the JSON keys,
# the explorer detaching groups nobody looks at, and nothing left attached
# after q, SIGINT, SIGTERM, SIGHUP or kill -9.
. tests/lib.sh
. tests/tui/lib.sh
tmp=$(mktemp -d)
R=$FIX/debian12-6.18
trap 'tui_cleanup; rm -rf "$tmp"' EXIT

"$MS" -b -n 1 --json --root "$R" --tab buddy > "$tmp/tree.json"
ok "captured tree: events say why" jq_ok "$tmp/tree.json" \
	'[.unavailable[] | select(.what == "buddy_events")][0].why | test("captured tree|not built with BPF")'
ok "captured tree: no bpf key" jq_ok "$tmp/tree.json" 'has("bpf") | not'

if ! bpf_live || grep -q 'not built with BPF' "$tmp/tree.json"; then
	echo "# skipped the live checks: needs root, kernel BTF, bpftool and a BPF build"
	finish
	exit
fi

was_mounted=0
tracefs_mounted && was_mounted=1

# one sample has no event rates: a one-shot loads no BPF and says why
"$MS" -b -n 1 --json --tab buddy > "$tmp/one.json"
ok "one-shot: buddy_events needs two samples" jq_ok "$tmp/one.json" \
	'[.unavailable[] | select(.what == "buddy_events")][0].why == "needs two samples (-n 2 or more)"'
ok "one-shot: no BPF loaded (no bpf key, no events source)" jq_ok "$tmp/one.json" \
	'(has("bpf") | not) and (.sources | has("buddy_events") | not) and (.buddy.zones | length > 0)'
"$MS" -b -n 1 --tab slab > "$tmp/one.txt"
ok "one-shot text: says why, no events block" sh -c \
	"grep -q '^unavailable: slab_events: needs two samples (-n 2 or more)' $tmp/one.txt && ! grep -q '^Slab events' $tmp/one.txt"

# Slab rates need allocations by someone other than memscope (its own are
# left out), and CI may run on a quiet machine: make some for the samples.
churn_start() {
	( i=0; while :; do : > "$tmp/c$i"; rm -f "$tmp/c$i"; i=$(((i + 1) % 64)); sleep 0.002; done ) &
	churn=$!
}
churn_stop() { kill "$churn" 2>/dev/null; wait "$churn" 2>/dev/null; }

churn_start
"$MS" -b -n 2 -d 0.5 --json --tab slab > "$tmp/slab.json"
churn_stop
ok "slab: sources name bpf" jq_ok "$tmp/slab.json" \
	'.sources.slab == "procfs" and .sources.slab_events == "bpf"'
ok "slab: bpf.groups and bpf.stats" jq_ok "$tmp/slab.json" \
	'.bpf.groups == ["slab"] and (.bpf.stats | length == 4) and (.bpf.stats[0] | has("run_time_ns") and has("run_count"))'
tail -n 1 "$tmp/slab.json" > "$tmp/slab2.json"
ok "slab: rates from the second sample" jq_ok "$tmp/slab2.json" \
	'.slab.events_interval_s > 0 and ([.slab.caches[] | select(.alloc_rate > 0)] | length > 0) and (.slab.caches[0] | has("alloc_rate") and has("free_rate") and has("alloc_bytes_rate"))'
ok "slab: slabinfo caches keep their keys" jq_ok "$tmp/slab2.json" \
	'[.slab.caches[] | select(.name == "dentry")][0] | .num_objs > 0 and .alloc_rate >= 0'
# memscope's own events (its /proc reads) are left out unless asked for
ok "slab: own activity left out by default, and counted" jq_ok "$tmp/slab2.json" \
	'.bpf.own_excluded == true and .bpf.own_events > 0 and .bpf.own_events_per_s > 0'
"$MS" -b -n 2 -d 0.5 --json --tab slab --include-self | tail -n 1 > "$tmp/self.json"
ok "slab --include-self: own activity counted" jq_ok "$tmp/self.json" \
	'.bpf.own_excluded == false and .bpf.own_events == null and .bpf.groups == ["slab"]'

"$MS" -b -n 2 -d 0.5 --json --tab buddy > "$tmp/buddy.json"
tail -n 1 "$tmp/buddy.json" > "$tmp/buddy2.json"
ok "buddy: rates per order" jq_ok "$tmp/buddy2.json" \
	'(.buddy.alloc_rate_per_order | length) == (.buddy.zones[0].free_blocks | length) and (.buddy.free_rate_per_order | length > 0) and (.buddy.alloc_rate_per_order[0] >= 0)'
ok "buddy: per migrate type, fallbacks, compaction" jq_ok "$tmp/buddy2.json" \
	'(.buddy.alloc_rate_per_migratetype | has("Movable")) and (.buddy.extfrag_events | type == "array") and (.buddy.compaction | has("runs") and has("results"))'

# the same in text (batch without --json): the second sample's rates
"$MS" -b -n 2 -d 0.5 --tab buddy > "$tmp/buddy.txt"
text_sample 2 "$tmp/buddy.txt" > "$tmp/buddy2.txt"
ok "buddy text: events block with a rate per order" \
	grep -Eq '^  alloc +[0-9]+\.[0-9] ' "$tmp/buddy2.txt"
ok "buddy text: fallbacks and compaction lines" sh -c \
	"grep -q '^  fallbacks (wanted->taken):' $tmp/buddy2.txt && grep -q '^  compaction: ' $tmp/buddy2.txt"
churn_start
"$MS" -b -n 2 -d 0.5 --tab slab > "$tmp/slab.txt"
churn_stop
text_sample 2 "$tmp/slab.txt" > "$tmp/slab2.txt"
ok "slab text: the busiest caches with alloc/s" sh -c \
	"sed -n '/^Slab events (bpf)/,/^\$/p' $tmp/slab2.txt | awk 'NR > 2 && \$2 > 0' | grep -q ."
ok "slab text: the groups' cost line" grep -q '^BPF groups attached: slab; their programs: [0-9]* runs/s' "$tmp/slab2.txt"
ok "slab text: own events left out" grep -q "^memscope's own slab and page events left out: [0-9]*/s" "$tmp/slab2.txt"

( i=0; while [ $i -lt 300 ]; do : > "$tmp/f$i"; rm -f "$tmp/f$i"; i=$((i + 1)); sleep 0.005; done ) &
"$MS" -b -n 3 -d 0.5 --json --tab slab --cache dentry > "$tmp/sites.json"
wait
tail -n 1 "$tmp/sites.json" > "$tmp/sites3.json"
ok "slab --cache: call sites of that cache" jq_ok "$tmp/sites3.json" \
	'.slab.callsites_cache == "dentry" and (.slab.callsites | length > 0) and (.slab.callsites[0].stack | length > 0)'

# A live recording with every BPF group and the taskstats delays replays
# as it was printed (sources aside: they say "replay").
"$MS" -b -n 3 -d 0.5 --json --delayacct --record "$tmp/live.rec" \
	> "$tmp/live.json" 2>/dev/null
"$MS" -b --replay "$tmp/live.rec" --json > "$tmp/replay.json" 2>/dev/null
ok "record: the live samples have bpf and taskstats sections" jq_ok \
	"$tmp/live.json" '.sources.fault_events == "bpf" and .sources.reclaim_events == "bpf" and .sources.task_delays == "taskstats"'
ok "record: reclaim stalls per memory cgroup and OOM events' cgroup keys" \
	jq_ok "$tmp/live.json" '.reclaim.direct_reclaim.cgroups | type == "array"'
same=0
for i in 1 2 3; do
	a=$(sed -n "${i}p" "$tmp/live.json" | jq -cS 'del(.sources)')
	b=$(sed -n "${i}p" "$tmp/replay.json" | jq -cS 'del(.sources)')
	[ -n "$a" ] && [ "$a" = "$b" ] && same=$((same + 1))
done
ok "record: replayed bpf/taskstats samples equal the live ones ($same of 3)" \
	test $same = 3

# stop SIG: batch mode cleans up on SIG (exit 0, programs gone, tracefs)
stop() {
	: > "$tmp/run.json"
	"$MS" -b -d 0.3 --json --tab slab > "$tmp/run.json" 2>&1 &
	pid=$!
	wait_lines "$tmp/run.json" 2
	p=$(ids $pid)
	kill -"$1" $pid
	wait $pid 2>/dev/null
	rc=$?
	ok "batch $1: programs were attached" test -n "$p"
	[ "$1" = KILL ] || ok "batch $1: exits 0" test "$rc" = 0
	ok "batch $1: nothing left attached" gone $p
	if [ $was_mounted = 0 ] && [ "$1" != KILL ]; then
		no "batch $1: tracefs unmounted again" tracefs_mounted
	fi
	# kill -9 leaves the mount memscope made: take it away
	[ $was_mounted = 0 ] && tracefs_mounted && umount $TRACEFS
}
for sig in INT TERM HUP KILL; do stop $sig; done

# The explorer: attached while a tab shows events, not MS_BPF_LINGER (5 s)
# after switching away, nothing after q.
S=msbpf
tmux new-session -d -s $S -x 100 -y 30 "exec $MS --tab slab"
sleep 3
pid=$(pane_pid)
p=$(ids "$pid")
ok "tui: slab tab attaches the slab group" test "$(echo "$p" | wc -w)" = 4
ok "tui: the footer shows the cost" wait_for 'bpf: slab live'
ok "tui: own activity excluded, said on screen" wait_for 'own activity excluded (I)'
keys I
ok "tui: I counts it" wait_for "own events counted in the rates"
ok "tui: ... and the bpf line no longer says excluded" wait_gone 'own activity excluded'
keys I
ok "tui: I again leaves it out" wait_for 'own activity excluded (I)'
keys 3
sleep 7
ok "tui: another tab detaches it" test -z "$(ids "$pid")"
ok "tui: detached programs are gone" gone $p
keys 1
sleep 3
p=$(ids "$pid")
ok "tui: buddy tab attaches the buddy group" test "$(echo "$p" | wc -w)" = 5
keys q
sleep 1
ok "tui q: nothing left attached" gone $p
if [ $was_mounted = 0 ]; then
	no "tui q: tracefs unmounted again" tracefs_mounted
fi
finish
