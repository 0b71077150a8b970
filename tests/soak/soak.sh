#!/bin/sh
# The soak (make soak: SOAK_SECS, default 1800; tests/soak/test_soak.sh: a
# short one): the explorer at -d 0.1 cycling through every tab, page and
# panel, BPF attached where it can be, under a workload churning memory,
# processes and slab caches; its RSS and descriptors must stay flat.
# docs/testing.md gives the tolerances and why. Prints the series.
cd "$(dirname "$0")/../.." || exit 2
. tests/lib.sh
. tests/tui/lib.sh
S=soak
SECS=${SOAK_SECS:-1800}
# RSS growth allowed from the first cycle after the warm-up to the last
# (the larger of the two; docs/testing.md says why)
RSS_TOL_KB=${SOAK_RSS_TOL_KB:-2048}
RSS_TOL_PCT=${SOAK_RSS_TOL_PCT:-5}
# cycles before anything is compared: the first opens every page once
WARM_CYCLES=1
# processes in memscope's namespace: itself, soakload and its 4 children
PROCS_MAX=6
tmp=$(mktemp -d)
mkdir -p "$tmp/files"
load_pid="" samp_pid="" ms_pid=""

cleanup() {
	[ -n "$samp_pid" ] && kill "$samp_pid" 2>/dev/null
	[ -n "$load_pid" ] && kill "$load_pid" 2>/dev/null
	tui_cleanup
	[ -n "$ms_pid" ] && kill "$ms_pid" 2>/dev/null
	wait 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

if ! ${CC:-cc} -O2 -Wall -Wextra -Werror -o "$tmp/soakload" \
	tests/soak/soakload.c; then
	no "soak: the workload builds" true
	finish
	exit
fi
[ -x "$MS" ] || { no "soak: $MS is built" true; finish; exit; }

live_bpf=0
bpf_live && live_bpf=1
[ $live_bpf = 1 ] || echo "# BPF not checked: needs root, kernel BTF and bpftool"
was_mounted=0
tracefs_mounted && was_mounted=1

# fds PID: "total proc bpf other" open descriptors: proc = the kept
# /proc/N/stat and statm of the process list, bpf = programs, maps, links,
# BTF; other = the rest (terminal, sockets, /proc files, epoll). The BPF
# run-time statistics fd (bpf-stats), held for one refresh in ten seconds
# for the footer's cost line (probes/bpf/bpf.c), counts in total only.
fds() {
	find /proc/"$1"/fd -mindepth 1 -printf '%l\n' 2>/dev/null | awk '
		/^\/proc\/[0-9]+\/stat/ { p++; next }
		/^anon_inode:bpf-stats/ { t++; next }
		/^anon_inode:(bpf|btf)/ { b++; next }
		{ o++ }
		END { printf "%d %d %d %d\n", p + b + o + t, p, b, o }'
}

# nprocs: the processes memscope sees (its PID namespace's /proc)
nprocs() { ls /proc/"$ms_pid"/root/proc 2>/dev/null | grep -c '^[0-9]'; }

# The series: seconds since start, VmRSS kB, the fds, processes on the machine
sampler() {
	t0=$(date +%s)
	while kill -0 "$ms_pid" 2>/dev/null; do
		rss=$(awk '/^VmRSS/ { print $2 }' /proc/"$ms_pid"/status 2>/dev/null)
		echo "$(($(date +%s) - t0)) ${rss:-0} $(fds "$ms_pid") $(nprocs)"
		sleep 1
	done
}

# k KEY SECS: press KEY, let the explorer refresh for SECS
k() {
	keys "$1"
	sleep "$2"
}

# One cycle through every tab, its drill-downs and pages, the explain
# panel, the graphs and the help; ends on NUMA for longer than the BPF
# linger (5 s) so the checkpoint sees the same groups attached each time.
cycle() {
	k 1 0.8; k Enter 0.8; k x 0.4; k Right 0.3; k Right 0.3; k x 0.3
	k Escape 0.4
	k 2 0.8; k Enter 0.8; k H 0.4; k H 0.4; k Escape 0.4
	k 3 0.8; k Enter 0.8; k Enter 0.8; k Escape 0.4; k Escape 0.4
	k f 1; k f 0.4
	k 4 0.8; k Enter 0.8; k Escape 0.4; k e 0.8; k Escape 0.4; k d 0.8
	k Escape 0.4; k x 0.4; k x 0.3
	k '?' 0.4; k Escape 0.3
	k 5 8
}

# notes FILE: the help screen's notes (digits folded), one per line
notes() {
	k n 0.8
	screen | sed -n '/Notes: what is unavailable/,$p' | sed '1d' |
		grep '^  [a-z]' | sed 's/[0-9][0-9]*/N/g; s/^ *//; s/ *$//' |
		sort -u >"$1"
	k Escape 0.3
}

# checkpoint N: on NUMA, drawn; fds and notes recorded
checkpoint() {
	screen >"$tmp/screen.$1"
	if grep -q 'Node CPUs' "$tmp/screen.$1"; then
		echo "$1 drawn" >>"$tmp/drawn"
	else
		echo "# checkpoint $1: the NUMA tab was not drawn:"
		cat "$tmp/screen.$1"
	fi
	rss=$(awk '/^VmRSS|^VmHWM/ { printf "%s ", $2 }' /proc/"$ms_pid"/status 2>/dev/null)
	echo "$1 $(fds "$ms_pid") $(nprocs) $(($(date +%s) - start)) ${rss:-0 0}" \
		>>"$tmp/checks"
	ids "$ms_pid" >>"$tmp/progs"
	notes "$tmp/notes.$1"
}

# memscope in a PID namespace of its own with the workload (the first
# process there: when it ends, the kernel ends the rest): its process list
# is the workload's, not whatever else runs on the machine, so its size
# and RSS depend on the soak alone. Without root (no namespace) it sees
# the machine's processes, and PROCS_MAX becomes the most it saw.
if [ "$(id -u)" = 0 ]; then
	tmux new-session -d -s $S -x 160 -y 50 \
		"exec unshare --pid --fork --mount-proc $MS -d 0.1"
	i=0
	while [ -z "$ms_pid" ] && [ $i -lt 50 ]; do
		sleep 0.1
		ms_pid=$(pgrep -P "$(pane_pid)")
		i=$((i + 1))
	done
	[ -n "$ms_pid" ] || { no "soak: memscope started" true; finish; exit; }
	nsenter -t "$ms_pid" -p -m "$tmp/soakload" "$SECS" "$tmp/files" \
		>"$tmp/load.out" &
else
	echo "# not root: no PID namespace, memscope sees every process"
	tmux new-session -d -s $S -x 160 -y 50 "exec $MS -d 0.1"
	sleep 0.5
	ms_pid=$(pane_pid)
	"$tmp/soakload" "$SECS" "$tmp/files" >"$tmp/load.out" &
	PROCS_MAX=
fi
load_pid=$!
sampler >"$tmp/series" &
samp_pid=$!
start=$(date +%s)
n=0
warm=$SECS
while [ $(($(date +%s) - start)) -lt "$SECS" ] && kill -0 "$ms_pid" 2>/dev/null
do
	cycle
	n=$((n + 1))
	[ $n = "$WARM_CYCLES" ] && warm=$(($(date +%s) - start))
	checkpoint $n
done
alive=0
kill -0 "$ms_pid" 2>/dev/null && alive=1
kill "$samp_pid" 2>/dev/null
wait "$samp_pid" 2>/dev/null
samp_pid=""
wait "$load_pid"
load_pid=""

echo "# soak: $SECS s, $n cycles, warm-up $warm s ($WARM_CYCLES cycles); $(cat "$tmp/load.out")"
echo "# series: s rss_kB fds(total proc bpf other) processes"
cat "$tmp/series"
echo "# checkpoints (on NUMA, end of each cycle): n fds(total proc bpf other) processes s hwm_kB rss_kB"
cat "$tmp/checks"
echo "# notes at the first checkpoint:"
sed 's/^/#   /' "$tmp/notes.1" 2>/dev/null

ok "soak: memscope alive after $SECS s at -d 0.1" test $alive = 1
ok "soak: at least $((WARM_CYCLES + 2)) cycles ($n)" \
	test "$n" -ge $((WARM_CYCLES + 2))
ok "soak: the NUMA tab drawn at every checkpoint" \
	test "$(wc -l <"$tmp/drawn" 2>/dev/null || echo 0)" -eq "$n"

# RSS swings within a cycle (pages open, the allocator gives memory back
# when they close), so two figures of the checkpoints are compared: RSS
# there (the same screen each time), and VmHWM, the peak RSS so far (every
# swing of a cycle, not a 1 s sample of it). From the first cycle after the
# warm-up to the last, each may grow by RSS_TOL_KB or RSS_TOL_PCT %.
awk 'NR == FNR { t[FNR] = $7; n = FNR; next }
	$2 > 0 { for (c = 1; c <= n && $1 > t[c]; c++); if (c <= n &&
		$2 > pk[c]) pk[c] = $2 }
	END { for (c = 1; c <= n; c++) print c, pk[c] + 0 }' \
	"$tmp/checks" "$tmp/series" >"$tmp/peaks"
echo "# RSS peak of each cycle in the series: n kB"
cat "$tmp/peaks"
first_c=$((WARM_CYCLES + 1))
# grow WHAT COLUMN: the checkpoints' COLUMN grew within the tolerance
grow() {
	a=$(awk -v c=$first_c -v k="$2" '$1 == c { print $k }' "$tmp/checks")
	b=$(awk -v c="$n" -v k="$2" '$1 == c { print $k }' "$tmp/checks")
	lim=$(awk -v f="${a:-0}" -v kb="$RSS_TOL_KB" -v pct="$RSS_TOL_PCT" \
		'BEGIN { p = f * pct / 100; printf "%d", (p > kb ? p : kb) }')
	ok "soak: $1 flat: cycle $first_c ${a:-?} kB, cycle $n ${b:-?} kB (growth $((${b:-0} - ${a:-0})) kB <= $lim kB)" \
		test $((${b:-0} - ${a:-0})) -le "$lim" -a "${a:-0}" -gt 0
}
if [ "$n" -gt "$first_c" ]; then
	grow "RSS at the checkpoint" 9
	grow "peak RSS (VmHWM)" 8
fi

# Descriptors at the checkpoints after the warm-up: "other" and "bpf"
# exactly those of the first of them; the kept /proc ones at most two per
# process memscope can see (PROCS_MAX: they may have exited since).
sed -n "$((WARM_CYCLES + 1)),\$p" "$tmp/checks" >"$tmp/steady"
set -- $(sed -n 1p "$tmp/steady")
o1=${5:-} b1=${4:-}
bad_o=$(awk -v o="$o1" '$5 != o' "$tmp/steady" | wc -l)
bad_b=$(awk -v b="$b1" '$4 != b' "$tmp/steady" | wc -l)
[ -n "$PROCS_MAX" ] || PROCS_MAX=$({ awk '{ print $7 }' "$tmp/series"
	awk '{ print $6 }' "$tmp/checks"; } | sort -n | tail -n 1)
bad_p=$(awk -v mp="$PROCS_MAX" '$3 > 2 * mp' "$tmp/checks" | wc -l)
ok "soak: descriptors other than BPF and kept /proc ones equal (${o1:-?}) at every checkpoint after the warm-up" \
	test -n "$o1" -a "$bad_o" = 0
ok "soak: BPF descriptors equal (${b1:-?}) at every checkpoint after the warm-up" \
	test -n "$b1" -a "$bad_b" = 0
ok "soak: kept /proc descriptors at most 2 per process ($PROCS_MAX) at every checkpoint" \
	test "$bad_p" = 0

# Notes: nothing beyond those at the first checkpoint (the machine's own:
# a kernel without MGLRU, a program the kernel refuses, ...)
new=""
for f in "$tmp"/notes.*; do
	new="$new$(comm -13 "$tmp/notes.1" "$f")"
done
[ -n "$new" ] && echo "# notes that appeared later: $new"
ok "soak: no note appeared after the first cycle" test -z "$new"

keys q
i=0
while kill -0 "$ms_pid" 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
ok "soak: q ends memscope" sh -c "! kill -0 $ms_pid 2>/dev/null"
ms_pid=""
if [ $live_bpf = 1 ]; then
	p=$(sort -u "$tmp/progs")
	ok "soak: BPF programs were attached" test -n "$p"
	ok "soak: nothing left attached after q" gone $p
	[ $was_mounted = 0 ] &&
		no "soak: tracefs unmounted again" tracefs_mounted
fi
ok "soak: the workload's files are gone" \
	test -z "$(ls -A "$tmp/files")"
finish
