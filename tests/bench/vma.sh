#!/bin/sh
# VMA loading speed (issue 2): ms_procfs_vmas() on a process with 60,000
# VMAs against `cat /proc/PID/smaps` (the floor) and procps `pmap -X`.
# Usage: sh tests/bench/vma.sh [NR_VMAS [ROUNDS]], from the top after make.
# Prints one line of ratios to the floor: best of ROUNDS interleaved
# rounds, so a noisy moment hits every tool alike.
set -u
cd "$(dirname "$0")/../.." || exit 2
nr=${1:-60000}
rounds=${2:-7}
B=${BUILD:-build}
out=$B/bench
mkdir -p "$out"
${CC:-cc} -O2 -Wall -o "$out/manyvmas" tests/bench/manyvmas.c || exit 1
${CC:-cc} -O2 -Wall -I. -o "$out/vmaload" tests/bench/vmaload.c \
	"$B/libmemscope.a" -lm || exit 1

. tests/bench/manyvmas.sh
start_manyvmas "$nr" "$out/manyvmas.out"
smaps=/proc/$wpid/smaps
vmas=$(wc -l < /proc/$wpid/maps)

# wall time of a command in microseconds, kept in $t
timed() {
	t0=$(date +%s%N)
	"$@" > /dev/null || exit 1
	t=$(( ($(date +%s%N) - t0) / 1000 ))
}
min() { [ -z "$1" ] || [ "$2" -lt "$1" ] && echo "$2" || echo "$1"; }
# the loader's own best of 3 calls (it keeps its arrays between calls)
load() {
	set -- $("$out/vmaload" $wpid 3 "$@") || exit 1
	first=$(awk -v s="$1" 'BEGIN { printf "%d", s * 1e6 }')
	t=$(awk -v s="$2" 'BEGIN { printf "%d", s * 1e6 }')
}

cat= loadb= firstb= numa= catnuma= pmap=
n=0
while [ $n -lt "$rounds" ]; do
	timed cat $smaps; cat=$(min "$cat" $t)
	load; loadb=$(min "$loadb" $t); firstb=$(min "$firstb" $first)
	load numa; numa=$(min "$numa" $t)
	timed cat $smaps /proc/$wpid/numa_maps; catnuma=$(min "$catnuma" $t)
	if [ $n -lt 3 ] && command -v pmap > /dev/null; then
		timed pmap -X $wpid; pmap=$(min "$pmap" $t)
	fi
	n=$((n + 1))
done

r() { awk -v a="$1" -v b="$cat" 'BEGIN { printf "%.2f", a / b }'; }
echo "vma: $vmas VMAs, best of $rounds: cat smaps $((cat / 1000)) ms = 1.00," \
	"memscope $(r $loadb) (first load $(r $firstb))," \
	"memscope+numa_maps $(r $numa) (cat smaps+numa_maps $(r $catnuma))," \
	"pmap -X $([ -n "$pmap" ] && r $pmap || echo n/a)"
