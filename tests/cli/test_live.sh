# The fault, reclaim and NUMA events and the task delays from the outside
# (root, kernel BTF): their JSON keys, and kernel.task_delayacct turned on
# by --delayacct or D only, and back off on q, SIGINT, SIGTERM, SIGHUP.
. tests/lib.sh
. tests/tui/lib.sh
tmp=$(mktemp -d)
R=$FIX/debian12-6.18
DA=/proc/sys/kernel/task_delayacct
was=$(cat $DA 2>/dev/null || echo -1)
cleanup() {
	tui_cleanup
	# whatever failed, the switch as it was
	[ "$was" = 0 ] && [ "$(cat $DA)" != 0 ] && echo 0 > $DA
	rm -rf "$tmp"
}
trap cleanup EXIT

"$MS" -b -n 1 --json --root "$R" --tab reclaim > "$tmp/tree.json"
ok "captured tree: reclaim events say why" jq_ok "$tmp/tree.json" \
	'[.unavailable[] | select(.what == "reclaim_events")][0].why | test("captured tree|not built with BPF")'
ok "captured tree: task delays say why" jq_ok "$tmp/tree.json" \
	'[.unavailable[] | select(.what == "task_delays")][0].why | test("captured tree|not built with libnl")'
ok "captured tree: no event keys" jq_ok "$tmp/tree.json" \
	'(.reclaim | has("direct_reclaim_hist") or has("task_delays")) | not'

if ! bpf_live || grep -q 'not built with BPF' "$tmp/tree.json"; then
	echo "# skipped the live checks: needs root, kernel BTF, bpftool and a BPF build"
	finish
	exit
fi

"$MS" -b -n 2 -d 0.5 --json --tab vma > "$tmp/vma.json"
tail -n 1 "$tmp/vma.json" > "$tmp/vma2.json"
ok "vma: fault_events from bpf" jq_ok "$tmp/vma2.json" \
	'.sources.fault_events == "bpf" and .fault_events.interval_s > 0 and .fault_events.counted.user_faults and .fault_events.counted.mmap_lock'
ok "vma: faults per process" jq_ok "$tmp/vma2.json" \
	'(.fault_events.total.counts.user_faults > 0) and (.fault_events.processes | length > 0) and (.fault_events.processes[0] | has("pid") and has("comm") and (.per_s | has("user_faults")))'
ok "vma: a split it cannot count is absent, and says why" jq_ok "$tmp/vma2.json" \
	'.fault_events.counted.split or ((.fault_events.total.counts | has("minor") | not) and ([.unavailable[] | select(.what == "bpf ms_faultx")] | length == 1))'

"$MS" -b -n 2 -d 0.5 --tab vma > "$tmp/vma.txt"
text_sample 2 "$tmp/vma.txt" > "$tmp/vma2.txt"
ok "vma text: the faults block with its total line" \
	grep -Eq '^ +all +[0-9]+\.[0-9] ' "$tmp/vma2.txt"

"$MS" -b -n 2 -d 0.5 --json --tab reclaim > "$tmp/rc.json"
tail -n 1 "$tmp/rc.json" > "$tmp/rc2.json"
ok "reclaim: events from bpf, delays from taskstats" jq_ok "$tmp/rc2.json" \
	'.sources.reclaim == "procfs" and .sources.reclaim_events == "bpf" and .sources.task_delays == "taskstats"'
ok "reclaim: histogram, kswapd, shrinkers, writeback, OOM list" jq_ok "$tmp/rc2.json" \
	'(.reclaim.direct_reclaim_hist | has("buckets") and has("count") and has("per_s")) and (.reclaim.direct_reclaim | has("global") and has("memcg") and has("processes")) and (.reclaim.kswapd.nodes | length >= 1) and (.reclaim.shrinkers | type == "array") and (.reclaim.writeback | has("folios")) and (.reclaim.oom_events | type == "array") and (.reclaim.oom_kills >= 0)'
if [ "$was" = 0 ]; then
	ok "reclaim: delay accounting left off" jq_ok "$tmp/rc2.json" \
		'.reclaim.task_delays.task_delayacct == false and .reclaim.task_delays.turned_on_by_memscope == false'
fi

"$MS" -b -n 2 -d 0.5 --tab reclaim > "$tmp/rc.txt"
text_sample 2 "$tmp/rc.txt" > "$tmp/rc2.txt"
ok "reclaim text: stalls, kswapd, OOM count" sh -c \
	"grep -q '^  direct    [0-9]* (' $tmp/rc2.txt && grep -q '^  kswapd0 ' $tmp/rc2.txt && grep -q '^  OOM kills since attach: [0-9]' $tmp/rc2.txt"
ok "reclaim text: the delays header" grep -q '^Stall delays (taskstats' "$tmp/rc2.txt"
"$MS" -b -n 2 -d 0.5 --tab numa > "$tmp/numa.txt"
text_sample 2 "$tmp/numa.txt" > "$tmp/numa2.txt"
ok "numa text: migrations per second" \
	grep -Eq '^  migrated pages [0-9.]+/s' "$tmp/numa2.txt"

"$MS" -b -n 2 -d 0.5 --json --tab numa > "$tmp/numa.json"
tail -n 1 "$tmp/numa.json" > "$tmp/numa2.json"
ok "numa: migrations by reason, task moves" jq_ok "$tmp/numa2.json" \
	'.sources.numa_events == "bpf" and (.numa.migrations.by_reason | has("compaction")) and (.numa.migrations.per_s >= 0) and (.numa.task_moves | has("moves"))'

if [ "$was" != 0 ]; then
	echo "# skipped the delay accounting checks: kernel.task_delayacct is $was"
	finish
	exit
fi

# --delayacct: on while it runs, off again when SIG ends it
stop() {
	: > "$tmp/run.json"
	"$MS" -b -d 0.3 --json --tab reclaim --delayacct > "$tmp/run.json" 2>&1 &
	pid=$!
	wait_lines "$tmp/run.json" 2
	on=$(cat $DA)
	p=$(ids $pid)
	kill -"$1" $pid
	wait $pid 2>/dev/null
	rc=$?
	ok "--delayacct $1: on while it ran" test "$on" = 1
	ok "--delayacct $1: said so" jq_ok "$tmp/run.json" \
		'.reclaim.task_delays.task_delayacct and .reclaim.task_delays.turned_on_by_memscope'
	ok "--delayacct $1: exits 0" test "$rc" = 0
	ok "--delayacct $1: off again" test "$(cat $DA)" = 0
	ok "--delayacct $1: nothing left attached" gone $p
}
for sig in INT TERM HUP; do stop $sig; done
"$MS" -b -n 2 -d 0.3 --json --tab numa --delayacct > "$tmp/any.json"
ok "--delayacct with another tab: delays too" jq_ok "$tmp/any.json" \
	'.reclaim.task_delays.turned_on_by_memscope'
ok "--delayacct -n 2: off again after the last sample" test "$(cat $DA)" = 0

# The explorer: D on the Reclaim tab turns it on, q turns it off. On a
# loaded machine its BPF groups take seconds to open before the first
# frame: wait for the frame, then up to 30 s for the switch, not a fixed 2.
# da_is V: until kernel.task_delayacct reads V (30 s)
da_is() {
	i=0
	while [ $i -lt 300 ]; do
		[ "$(cat $DA)" = "$1" ] && return 0
		sleep 0.1; i=$((i + 1))
	done
	return 1
}
S=mslive
tmux new-session -d -s $S -x 120 -y 40 "exec $MS --tab reclaim"
wait_for MemTotal 30
ok "tui: not on by itself" test "$(cat $DA)" = 0
keys D
ok "tui D: on" da_is 1
ok "tui D: the screen says so" wait_for 'Delay accounting ON, turned on by memscope' 30
keys D
ok "tui D again: off" da_is 0
keys D
da_is 1
keys q
ok "tui q: off again" da_is 0
S=mslive2
tmux new-session -d -s $S -x 120 -y 40 "exec $MS --tab reclaim"
wait_for MemTotal 30
pid=$(pane_pid)
keys D
da_is 1
on=$(cat $DA)
kill -TERM "$pid"
sleep 1
tmux kill-session -t $S 2>/dev/null
ok "tui SIGTERM: it was on" test "$on" = 1
ok "tui SIGTERM: off again" da_is 0
finish
