#!/bin/sh
# The page census's cost against its floor in the same run: best of
# ROUNDS (default 7) interleaved rounds of `cat /proc/kpageflags >
# /dev/null` (the floor: the kernel writing the flags), one whole census
# pass in-process (build/bench/sample_cost census 1: the pass's wall
# time; it reads zoneinfo, meminfo and iomem around the flags) and one
# pass that also builds the physical memory map of all RAM (sample_cost
# physmap 1: every block kept, its letter and the counts made). Prints a
# line for each. Root. Goal: at most 1.3x.
set -u
cd "$(dirname "$0")/../.." || exit 2
SC=build/bench/sample_cost
R=${ROUNDS:-7}
[ -r /proc/kpageflags ] || { echo "census: needs root"; exit 0; }
now_us() { echo $(($(date +%s%N) / 1000)); }
cat_best=0 ms_best=0 pm_best=0 pages=0
i=0
while [ $i -lt "$R" ]; do
	t0=$(now_us)
	cat /proc/kpageflags >/dev/null
	c=$(($(now_us) - t0))
	set -- $($SC census 1)
	m=${2%.*} pages=$3
	[ $cat_best = 0 ] || [ "$c" -lt $cat_best ] && cat_best=$c
	[ $ms_best = 0 ] || [ "$m" -lt $ms_best ] && ms_best=$m
	set -- $($SC physmap 1)
	p=${2%.*}
	[ $pm_best = 0 ] || [ "$p" -lt $pm_best ] && pm_best=$p
	i=$((i + 1))
done
ratio() { awk -v a="$1" -v b="$cat_best" 'BEGIN { printf "%.2f", a / b }'; }
echo "census: $pages pages, best of $R: cat /proc/kpageflags $cat_best us = 1.00, memscope census pass $ms_best us = $(ratio "$ms_best") (goal: at most 1.30)"
echo "physmap: the map of all $pages pages, same rounds: cat /proc/kpageflags $cat_best us = 1.00, memscope pass and map $pm_best us = $(ratio "$pm_best") (goal: at most 1.30)"
