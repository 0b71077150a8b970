#!/bin/sh
# kernel.task_delayacct turned on by a memscope that is then killed with
# SIGKILL (no handler runs) is put back by the next memscope, which says
# so (on stderr; the explorer in its notes too); a memscope that still
# runs keeps it (root, the live kernel).
. tests/lib.sh
SYS=/proc/sys/kernel/task_delayacct
REC=/run/memscope/task_delayacct
tmp=$(mktemp -d)
pid=""
# whatever fails, the machine is left as the test found it (off)
trap '[ -n "$pid" ] && kill -9 $pid 2>/dev/null; [ -n "$was" ] &&
	echo "$was" >$SYS; rm -f $REC; rm -rf "$tmp"' EXIT
was=""

if [ "$(id -u)" -ne 0 ] || [ ! -w $SYS ]; then
	echo "skipped: needs root and $SYS"
	finish
	exit
fi
if [ "$(cat $SYS)" != 0 ]; then
	echo "skipped: task_delayacct is on already (not ours to test with)"
	finish
	exit
fi
was=0
# start_on: a memscope with --delayacct, $pid, until it has turned it on
# (30 s at most: it opens its BPF groups first, slow on a loaded machine)
start_on() {
	"$MS" -b -d 0.2 --delayacct --json --tab reclaim >/dev/null 2>&1 &
	pid=$!
	for i in $(seq 300); do
		[ "$(cat $SYS)" = 1 ] && break
		sleep 0.1
	done
}
start_on
ok "--delayacct turned task_delayacct on" test "$(cat $SYS)" = 1
ok "and remembered it in $REC" grep -q "^$SYS 0 $pid " $REC
"$MS" -b -n 1 --tab buddy >/dev/null 2>"$tmp/alive.err"
ok "a second memscope leaves the first one's change alone" test "$(cat $SYS)" = 1
ok "and says nothing of it" test ! -s "$tmp/alive.err"
kill -9 $pid
wait $pid 2>/dev/null
pid=""
ok "SIGKILL leaves it on (no handler runs)" test "$(cat $SYS)" = 1
"$MS" -b -n 1 --tab buddy >/dev/null 2>"$tmp/next.err"
ok "the next start puts it back" test "$(cat $SYS)" = 0
ok "and says so" grep -q "task_delayacct put back to 0 (memscope pid" "$tmp/next.err"
ok "the record is gone" test ! -e $REC
"$MS" -b -n 1 --delayacct --json --tab reclaim >/dev/null 2>&1
ok "a run that ends normally leaves no record" test ! -e $REC
ok "and task_delayacct off" test "$(cat $SYS)" = 0

# the explorer that puts it back says so on its screen, while it runs
start_on
kill -9 $pid
wait $pid 2>/dev/null
pid=""
. tests/tui/lib.sh
# lib.sh's trap ends its tmux server; this one's still puts the switch back
trap 'tui_cleanup; [ -n "$pid" ] && kill -9 $pid 2>/dev/null;
	echo "$was" >$SYS; rm -f $REC; rm -rf "$tmp"' EXIT
ok "SIGKILL again leaves it on" test "$(cat $SYS)" = 1
session 200 30 "$MS; sleep 30"
ok "the explorer puts it back" test "$(cat $SYS)" = 0
ok "and says so in its notes line" \
	wait_re "notes? \(n\): /proc/sys/kernel/task_delayacct put back to 0 \(memscope pid [0-9]+ ended"
keys n
ok "and in the notes (n)" wait_re "^  /proc/sys/kernel/task_delayacct put back to 0"
finish
