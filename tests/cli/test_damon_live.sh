#!/bin/sh
# The DAMON area against the live kernel, as root: memscope lists every
# kdamond the machine runs as its sysfs files say (this development
# machine: a paddr kdamond with a pageout scheme), in batch and in the
# explorer (Reclaim tab A, Memory tab A), and leaves every file under
# /sys/kernel/mm/damon byte for byte as it was (memscope never writes
# there: not a state file, not nr_kdamonds), also when asked for its own
# monitoring (--damon), which it refuses while such a kdamond is on.
cd "$(dirname "$0")/../.." || exit 2
. tests/lib.sh
D=/sys/kernel/mm/damon
A=$D/admin/kdamonds
if [ "$(id -u)" != 0 ]; then
	echo "ok   - skipped: needs root (DAMON's files are root's)"
	finish; exit
fi
if [ ! -d "$A" ]; then
	echo "ok   - skipped: no DAMON sysfs interface on this kernel"
	finish; exit
fi
tmp=$(mktemp -d)
TUI_NAME=${TUI_NAME:-ms-damon}
. tests/tui/lib.sh
trap 'tui_cleanup; rm -rf "$tmp"' EXIT

# Every file's bytes, named. A kdamond whose refresh_ms is not 0 (6.17+)
# has its stats, quotas' effective bytes and tuned intervals rewritten by
# the kernel itself: those are left out then.
moving=0
for f in "$A"/*/refresh_ms; do
	[ -f "$f" ] && [ "$(cat "$f")" != 0 ] && moving=1
done
dump() {
	find "$D" -type f | sort | while read -r f; do
		if [ $moving = 1 ]; then
			case $f in */stats/* | */effective_bytes | */intervals/*)
				continue ;; esac
		fi
		printf '== %s\n' "$f"
		cat "$f" 2>&1
	done >"$1"
}
dump "$tmp/before"
nr=$(cat "$A/nr_kdamonds")

"$MS" -b -n 2 -d 0.2 --tab damon --format json >"$tmp/j" 2>"$tmp/err"
last() { tail -n 1 "$tmp/j" | jq -e "$1" >/dev/null; }
ok "batch: nr_kdamonds as the file says ($nr)" last ".damon.nr_kdamonds == $nr"
ok "batch: every kdamond listed" last ".damon.kdamonds | length == $nr"
i=0
while [ $i -lt "$nr" ] && [ $i -lt 32 ]; do
	k=$A/$i
	st=$(cat "$k/state")
	ok "batch: kdamond $i state $st" last ".damon.kdamonds[$i].state == \"$st\""
	if [ "$(cat "$k/contexts/nr_contexts")" -ge 1 ]; then
		c=$k/contexts/0
		ops=$(cat "$c/operations")
		ok "batch: kdamond $i operations $ops" \
			last ".damon.kdamonds[$i].operations == \"$ops\""
		ns=$(cat "$c/schemes/nr_schemes")
		j=0
		while [ $j -lt "$ns" ] && [ $j -lt 32 ]; do
			act=$(cat "$c/schemes/$j/action")
			ok "batch: kdamond $i scheme $j action $act" \
				last ".damon.kdamonds[$i].schemes[$j].action == \"$act\""
			j=$((j + 1))
		done
	fi
	i=$((i + 1))
done
# this development machine runs proactive reclaim: say so when it does
if grep -qx pageout "$A"/*/contexts/0/schemes/*/action 2>/dev/null; then
	ok "batch: a pageout scheme is listed" \
		last '[.damon.kdamonds[].schemes[].action] | index("pageout") != null'
fi
"$MS" -b -n 1 --tab damon >"$tmp/t" 2>&1
ok "text: the kdamonds' table" grep -q '^KDAMOND STATE' "$tmp/t"
"$MS" -b -n 1 --tab damon --format openmetrics >"$tmp/o" 2>&1
ok "openmetrics: memscope_damon_kdamonds $nr" \
	grep -qx "memscope_damon_kdamonds $nr" "$tmp/o"

# --damon paddr where a kdamond memscope did not start runs (this
# machine's): said, exit 1, no sample, and nothing written (the dump)
if grep -qx on "$A"/*/state 2>/dev/null; then
	"$MS" -b -n 2 -d 0.2 --damon paddr --json >"$tmp/own" 2>"$tmp/own.err"
	ok "--damon paddr beside someone else's kdamond: exit 1" test $? = 1
	ok "--damon paddr: says why it cannot start" grep -q \
		"^memscope: --damon paddr: kdamond [0-9]* is on, not memscope's: DAMON's sysfs refuses nr_kdamonds changes while one runs; memscope writes nothing$" \
		"$tmp/own.err"
	ok "--damon paddr: no sample printed" test ! -s "$tmp/own"
	"$MS" -b -n 1 --damon $$ --json >"$tmp/own" 2>"$tmp/own.err"
	ok "--damon PID: the same" grep -q "^memscope: --damon $$: kdamond" \
		"$tmp/own.err"
	ok "--damon: nothing to undo remembered" \
		sh -c '! ls /run/memscope/damon-* 2>/dev/null'
fi

# The explorer: the Reclaim tab's A, then the Memory tab's A
session 100 40 "$MS"
keys 4
wait_for "A DAMON" 30
keys A
ok "explorer: Reclaim A shows the DAMON screen" wait_for "DAMON: the kdamonds" 15
ok "explorer: kdamond 0 listed" wait_for "kdamond 0" 15
if [ "$(cat "$A/0/contexts/0/schemes/nr_schemes" 2>/dev/null)" -ge 1 ] \
	2>/dev/null; then
	act=$(cat "$A/0/contexts/0/schemes/0/action")
	ok "explorer: scheme 0: $act" wait_for "scheme 0: $act" 15
fi
keys Escape
keys 6
wait_for "Bucket"
keys A
ok "explorer: Memory A goes to the DAMON screen" wait_for "DAMON: the kdamonds" 15
keys q
sleep 0.5
tmux kill-session -t "$S" 2>/dev/null

dump "$tmp/after"
ok "every file under $D byte-identical after memscope ran" \
	cmp -s "$tmp/before" "$tmp/after"
ok "nr_kdamonds unchanged" test "$(cat "$A/nr_kdamonds")" = "$nr"
finish
