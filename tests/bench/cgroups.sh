#!/bin/sh
# Cgroup refresh cost (issue 14, "Scale and cost"): 10,000 more memory
# cgroups made live (1 + 100 pods of 99), then, best of ROUNDS interleaved
# rounds, CPU time (user+system) of: cat of the files one whole read of
# them opens (the floor), memscope's whole read in-process and as
# `memscope -b -n 1 --tab cgroup`, `systemd-cgtop -b -n 1`; and the steady
# explorer refresh at 1 s (the budget, probes/procfs/cgcache.c). Prints
# Markdown for docs/PERFORMANCE.md. Usage: sh tests/bench/cgroups.sh
# [ROUNDS], from the top after make, as root. The cgroups are named
# $CG_PREFIX-* (default memscope-bench) and removed on every exit.
set -u
cd "$(dirname "$0")/../.." || exit 2
rounds=${1:-3}
nr=${NR:-10000}
B=${BUILD:-build}
MS=$B/memscope
out=$B/bench
P=${CG_PREFIX:-memscope-bench}
mkdir -p "$out"
${CC:-cc} -O2 -Wall -o "$out/runstat" tests/bench/runstat.c || exit 1
${CC:-cc} -O2 -Wall -I. -o "$out/procload" tests/bench/procload.c \
	"$B/libmemscope.a" -lm || exit 1

if grep -qw memory /sys/fs/cgroup/cgroup.controllers 2>/dev/null; then
	M=/sys/fs/cgroup V=2
	files="memory.current memory.max memory.high memory.low memory.min
memory.peak memory.swap.current memory.swap.max memory.zswap.current
memory.zswap.max memory.stat memory.events memory.events.local
memory.numa_stat memory.pressure cgroup.procs cgroup.threads cgroup.stat"
else
	M=/sys/fs/cgroup/memory V=1
	files="memory.usage_in_bytes memory.memsw.usage_in_bytes
memory.limit_in_bytes memory.soft_limit_in_bytes memory.max_usage_in_bytes
memory.stat memory.oom_control memory.failcnt memory.numa_stat
memory.pressure cgroup.procs tasks"
fi
[ -d "$M" ] && [ -w "$M" ] || {
	echo "cgroups.sh: no writable memory cgroup hierarchy at $M" >&2
	exit 1
}
top=$M/$P-top
cleanup() {
	tmux kill-session -t "$P-tui" 2>/dev/null
	[ -d "$top" ] || return 0
	for d in "$top"/*/; do
		[ -d "$d" ] && rmdir "$d"*/ 2>/dev/null
		rmdir "$d" 2>/dev/null
	done
	rmdir "$top" 2>/dev/null
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP
mkdir "$top" || exit 1
pods=$((nr / 100)) per=$(((nr - 2) / (nr / 100))) # 10,000: 100 of 99
i=0
while [ $i -lt $pods ]; do
	d=$top/$P-p$i
	mkdir "$d" || exit 1
	j=0 list=
	while [ $j -lt $per ]; do list="$list $d/$P-c$j"; j=$((j + 1)); done
	mkdir $list || exit 1
	i=$((i + 1))
done
total=$(find "$M" -mindepth 1 -type d | wc -l)
total=$((total + 1))
# every file one whole read opens, in one list for xargs
names=$(echo $files | sed 's/ / -o -name /g')
eval "find \"\$M\" -name $names" > "$out/cgroup.files"
nfiles=$(wc -l < "$out/cgroup.files")

# best NAME CMD...: run once, keep the least CPU (us) seen
best() {
	name=$1; shift
	set -- $("$out/runstat" "$@")
	eval "c=\${cpu_$name:-}"
	[ -z "$c" ] || [ "$1" -lt "$c" ] && c=$1
	eval "cpu_$name=$c"
}
# bestf NAME US: the same for an in-process figure (ms, to us)
bestf() {
	us=$(awk -v m="$2" 'BEGIN { printf "%d", m * 1000 }')
	eval "c=\${cpu_$1:-}"
	[ -z "$c" ] || [ "$us" -lt "$c" ] && c=$us
	eval "cpu_$1=$c"
}
cgtop=$(command -v systemd-cgtop || true)
n=0
while [ $n -lt "$rounds" ]; do
	best cat sh -c "xargs cat < $out/cgroup.files"
	best batch $MS -b -n 1 --tab cgroup --format json
	[ -n "$cgtop" ] && best cgtop "$cgtop" -b -n 1
	set -- $("$out/procload" 2 0.1 full cgroups) || exit 1
	bestf full "$2"
	n=$((n + 1))
done
# the explorer: a sample a second, the first reads all, then the budget
set -- $("$out/procload" 11 1 live cgroups) || exit 1
live_first=$2 live_ms=$3 live_pct=$5
# and the whole explorer on the Cgroups tab (drawing, rates too), 20 s
tui=
if command -v tmux > /dev/null; then
	hz=$(getconf CLK_TCK)
	tmux kill-session -t "$P-tui" 2>/dev/null
	tmux new-session -d -s "$P-tui" -x 120 -y 40 "exec $MS --tab cgroup"
	sleep 5
	pid=$(tmux list-panes -t "$P-tui" -F '#{pane_pid}')
	t0=$(awk '{ print $14 + $15 }' "/proc/$pid/stat")
	sleep 20
	t1=$(awk '{ print $14 + $15 }' "/proc/$pid/stat")
	rss=$(awk '/VmRSS/ { print $2 }' "/proc/$pid/status")
	tmux kill-session -t "$P-tui" 2>/dev/null
	tui=$(awk -v t=$((t1 - t0)) -v hz="$hz" \
		'BEGIN { printf "%.1f", t * 100 / hz / 20 }')
fi

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
ms() { awk -v u="$1" 'BEGIN { printf "%.1f", u / 1000 }'; }
echo "$total memory cgroups (cgroup v$V, $nfiles files in one whole read)," \
	"best of $rounds rounds, CPU time (user+system):"
echo
echo "| what | CPU ms | × cat floor |"
echo "|---|---:|---:|"
echo "| \`xargs cat\` of the $nfiles files (floor) | $(ms $cpu_cat) | 1.00 |"
echo "| memscope whole read, in-process (batch sample) | $(ms $cpu_full) | $(ratio $cpu_full $cpu_cat) |"
echo "| \`memscope -b -n 1 --tab cgroup --format json\` | $(ms $cpu_batch) | $(ratio $cpu_batch $cpu_cat) |"
if [ -n "$cgtop" ]; then
	echo "| \`systemd-cgtop -b -n 1\` | $(ms $cpu_cgtop) | $(ratio $cpu_cgtop $cpu_cat) |"
fi
echo "| memscope explorer refresh at 1 s, steady | $live_ms | $(ratio "$(awk -v m="$live_ms" 'BEGIN { print m * 1000 }')" $cpu_cat) |"
echo
echo "The reader's first sample reads all ($live_first ms); each later one"
echo "takes $live_ms ms of CPU: $live_pct% of a core at 1 s."
[ -n "$tui" ] && echo "The whole explorer on the Cgroups tab (120x40, 1 s):" \
	"$tui% of a core over 20 s, RSS $rss kB."
