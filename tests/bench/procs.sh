#!/bin/sh
# Process list refresh cost (issue 2): ms_procfs_procs() sampling the live
# system once a second with NR (default 2,000) extra sleeping processes.
# Usage: sh tests/bench/procs.sh [NR [SAMPLES]], from the top after make.
# Prints two lines: CPU time of the first sample (reads every file) and of
# a steady one, per process, and as a share of one core at 1 s; then the
# same for batch mode's samples, each of which reads every file.
set -u
cd "$(dirname "$0")/../.." || exit 2
nr=${1:-2000}
samples=${2:-11}
B=${BUILD:-build}
out=$B/bench
mkdir -p "$out"
${CC:-cc} -O2 -Wall -I. -o "$out/procload" tests/bench/procload.c \
	"$B/libmemscope.a" -lm || exit 1

pids=
trap 'kill $pids 2>/dev/null' EXIT
trap 'exit 1' INT TERM
i=0
while [ $i -lt "$nr" ]; do
	sleep 600 &
	pids="$pids $!"
	i=$((i + 1))
done
sleep 1

set -- $("$out/procload" "$samples" 1) || exit 1
echo "procs: $1 processes, first sample $2 ms, steady $3 ms" \
	"= $4 us a process = $5% of a core at 1 s"
# batch mode reads every process in full each sample (never stale)
set -- $("$out/procload" "$samples" 1 full) || exit 1
echo "procs, batch (full): $1 processes, first sample $2 ms, each sample" \
	"$3 ms = $4 us a process = $5% of a core at 1 s"
