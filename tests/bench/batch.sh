#!/bin/sh
# Batch runs as whole processes, as a script pays for them: CPU (user+sys)
# and peak RSS of memscope -b -n 1 against cat of the files it reads, in
# the same run: the 60,000-VMA JSON drill-down (goal: at most 1.5x the CPU
# of cat smaps numa_maps, peak RSS at most 16 MiB) and one-shots of the
# buddy, slab and NUMA tabs (at most 3x, at most 8 MiB). Prints Markdown
# rows for docs/PERFORMANCE.md. Usage: sh tests/bench/batch.sh [ROUNDS],
# from the top after make, as root (pagetypeinfo, slabinfo are 0400).
set -u
cd "$(dirname "$0")/../.." || exit 2
rounds=${1:-7}
B=${BUILD:-build}
MS=$B/memscope
out=$B/bench
mkdir -p "$out"
command -v strace > /dev/null || {
	echo "batch.sh: needs strace (the files each run reads)" >&2; exit 1; }
${CC:-cc} -O2 -Wall -o "$out/manyvmas" tests/bench/manyvmas.c || exit 1
${CC:-cc} -O2 -Wall -o "$out/runstat" tests/bench/runstat.c || exit 1

. tests/bench/manyvmas.sh
start_manyvmas 60000 "$out/manyvmas.batch"
vmas=$(wc -l < /proc/$wpid/maps)

# files FLAGS...: the /proc and /sys files memscope FLAGS opens for reading
files() {
	strace -f -e trace=openat -o "$out/strace.batch" "$MS" "$@" > /dev/null
	sed -n 's/.*openat([0-9]*, "\(\(proc\|sys\)\/[^"]*\)", O_RDONLY|O_NOCTTY[^)]*) = [0-9].*/\/\1/p' \
		"$out/strace.batch" | sort -u | tr '\n' ' '
}

# Each case: a name, the floor (cat of the files) and memscope's command.
# best NAME CMD...: run once, keep the least CPU and the greatest RSS seen
best() {
	name=$1; shift
	set -- $("$out/runstat" "$@")
	eval "c=\${cpu_$name:-}; r=\${rss_$name:-0}"
	[ -z "$c" ] || [ "$1" -lt "$c" ] && c=$1
	[ "$2" -gt "$r" ] && r=$2
	eval "cpu_$name=$c; rss_$name=$r"
}

vflags="-b -n 1 --json --tab vma --pid $wpid"
vfiles="/proc/$wpid/smaps /proc/$wpid/numa_maps"
bfiles=$(files -b -n 1 --tab buddy)
sfiles=$(files -b -n 1 --tab slab)
nfiles=$(files -b -n 1 --tab numa)
n=0
while [ $n -lt "$rounds" ]; do
	best vcat cat $vfiles
	best vms $MS $vflags
	best vtext $MS -b -n 1 --tab vma --pid $wpid
	best bcat cat $bfiles
	best bms $MS -b -n 1 --tab buddy
	best scat cat $sfiles
	best sms $MS -b -n 1 --tab slab
	best ncat cat $nfiles
	best nms $MS -b -n 1 --tab numa
	n=$((n + 1))
done

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
ms() { awk -v u="$1" 'BEGIN { printf "%.1f", u / 1000 }'; }
mib() { awk -v k="$1" 'BEGIN { printf "%.1f MiB", k / 1024 }'; }
row() { # what, floor name, name, goal
	eval "c=\$cpu_$2; f=\$cpu_$3; r=\$rss_$3"
	echo "| $1 | $(ms "$f") | $(ratio "$f" "$c") | $(mib "$r") | $4 |"
}
floor() { eval "c=\$cpu_$2; r=\$rss_$2"; echo "| $1 | $(ms "$c") | 1.00 | $(mib "$r") | |"; }

echo "| what | CPU ms (best of $rounds) | × its cat | peak RSS | goal |"
echo "|---|---:|---:|---:|---|"
floor "\`cat smaps numa_maps\` of a $vmas-VMA process" vcat
row "\`memscope $(echo "$vflags" | sed "s/$wpid/P/")\`" vcat vms "≤ 1.5×, ≤ 16 MiB"
row "the same in text" vcat vtext ""
for t in buddy slab numa; do
	k=$(echo $t | cut -c1)
	eval "fl=\$${k}files"
	floor "\`cat\` of what it reads: $(echo $fl | sed 's/ /, /g')" ${k}cat
	row "\`memscope -b -n 1 --tab $t\`" ${k}cat ${k}ms "≤ 3×, ≤ 8 MiB"
done
