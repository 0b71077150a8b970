#!/bin/sh
# make bench: what memscope costs, as ratios against floors measured in the
# same run (cat of the same proc files, slabtop, top). Prints Markdown for
# docs/PERFORMANCE.md. Needs root, tmux, procps; takes a few minutes (the
# maple row boots the lab VM: tests/bench/maple.sh).
set -u
cd "$(dirname "$0")/../.." || exit 2
B=build
MS=$B/memscope
SC=$B/bench/sample_cost

now_us() { echo $(($(date +%s%N) / 1000)); }

# avg_us N cmd...: average wall time of one run of cmd, in microseconds
avg_us() {
	n=$1; shift
	t0=$(now_us)
	i=0
	while [ $i -lt "$n" ]; do "$@" >/dev/null 2>&1; i=$((i + 1)); done
	echo $((($(now_us) - t0) / n))
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }

# cpu_ticks PID: utime + stime of a process, in clock ticks
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

echo "# Performance"
echo
echo "Produced by \`make bench\` on $(date -u +%Y-%m-%d), kernel $(uname -r),"
echo "$(nproc) CPUs. Every figure is a ratio against a floor measured in the"
echo "same run, or a share of one CPU; run \`make bench\` to reproduce."
echo

echo "## Slab tab refresh"
echo
set -- $($SC read /proc/slabinfo 200)
raw=$2
set -- $($SC read /proc/meminfo 200)
raw=$(awk -v a="$raw" -v b="$2" 'BEGIN { printf "%.1f", a + b }')
cat_us=$(avg_us 200 cat /proc/slabinfo)
set -- $($SC slab 200)
ms=$2
slabtop=$(avg_us 50 slabtop -o)
echo "| what | µs per refresh | × read floor |"
echo "|---|---:|---:|"
echo "| open+read+close of /proc/slabinfo and /proc/meminfo (floor) | $raw | 1.00 |"
echo "| memscope slab sample (the same two files, parsed) | $ms | $(ratio "$ms" "$raw") |"
echo "| \`cat /proc/slabinfo\` (a process each time) | $cat_us | $(ratio "$cat_us" "$raw") |"
echo "| \`slabtop -o\` | $slabtop | $(ratio "$slabtop" "$raw") |"
echo
echo "Reproduce: \`$SC slab 200\`, \`$SC read /proc/slabinfo 200\`, and"
echo "\`cat /proc/slabinfo\` / \`slabtop -o\` in a loop."
echo

echo "## Process list with 2,000 processes"
echo
pids=""
i=0
while [ $i -lt 2000 ]; do sleep 600 & pids="$pids $!"; i=$((i + 1)); done
sleep 1
nproc_now=$(ls -d /proc/[0-9]* | wc -l)
set -- $($SC vma 10)
ms_cpu=$1 ms_wall=$2
top=$(avg_us 5 top -b -n 1 -w 512)
kill $pids 2>/dev/null
wait 2>/dev/null
echo "| what | µs per refresh | × top -b -n 1 |"
echo "|---|---:|---:|"
echo "| \`top -b -n 1\` ($nproc_now processes) | $top | 1.00 |"
echo "| memscope process list (wall) | $ms_wall | $(ratio "$ms_wall" "$top") |"
echo
echo "Back-to-back refreshes take $ms_cpu µs of CPU each. The steady cost at"
echo "a 1 s refresh (\`sh tests/bench/procs.sh\`: 2,000 more sleeping processes,"
echo "the reader sampling once a second):"
echo
echo "    $(sh tests/bench/procs.sh)"
echo
echo "How it stays cheap (probes/procfs/proc.c): statm is read every sample"
echo "through a kept descriptor, stat when statm moved or at least every 10 s,"
echo "and status, smaps_rollup and maps (uid, PSS, swap, VMA count) of"
echo "changed processes first within a budget of 1 ms of reading a second, so"
echo "those columns of an idle process can be older than one sample."
echo
echo "Reproduce: start 2,000 \`sleep\` processes, then \`$SC vma 10\` and"
echo "\`top -b -n 1\`; and \`sh tests/bench/procs.sh\`."
echo

echo "## Cgroups tab with 10,000 memory cgroups"
echo
sh tests/bench/cgroups.sh
echo
echo "Reproduce: \`sh tests/bench/cgroups.sh [ROUNDS]\` (root; makes 10,001"
echo "cgroups named \$CG_PREFIX-* under the memory hierarchy, removes them on"
echo "exit)."
echo

if [ -f tests/bench/vma.sh ]; then
	echo "## VMAs of a 60,000-VMA process"
	echo
	echo "    $(sh tests/bench/vma.sh)"
	echo
	echo "Reproduce: \`sh tests/bench/vma.sh\` (best of 7 interleaved rounds)."
	echo
fi

echo "## The page census (/proc/kpageflags)"
echo
echo "One whole pass of the census (\`--tab memory\` as root; the explorer"
echo "reads 256 Ki pages a refresh), and one that also builds the physical"
echo "memory map of all RAM (\`--physmap\`, the Buddy tab's \`m\`), against"
echo "\`cat /proc/kpageflags\`, best of 7 interleaved rounds:"
echo
sh tests/bench/census.sh | sed 's/^/    /'
echo
echo "Reproduce: \`sh tests/bench/census.sh\` (ROUNDS= to change the run)."
echo

echo "## Batch runs as whole processes"
echo
echo "What a script pays for \`memscope -b -n 1\`: CPU (user+system) and peak"
echo "RSS of the whole process (wait4 of the child: \`tests/bench/runstat.c\`),"
echo "against \`cat\` of the files that run reads (found with strace), best of"
echo "7 interleaved rounds. The VMA run streams the list (probes/procfs/vma.c,"
echo "app/vma_spool.c); the one-shots load no BPF (events need two samples)."
echo "The in-process figures are the VMA section's above."
echo
sh tests/bench/batch.sh
echo
echo "Reproduce: \`sh tests/bench/batch.sh [ROUNDS]\` (root, strace)."
echo

echo "## /metrics under load (--serve)"
echo
echo "\`memscope --serve\` on loopback with wrk's 50 connections for 30 s,"
echo "each request with Prometheus' Accept header (the whole OpenMetrics"
echo "exposition), twice: a new sample at most every second (\`-d 1\`: the"
echo "requests of a second share it) and one sample for the whole run"
echo "(\`-d 3600\`: the HTTP side alone). 8 connections are served at once,"
echo "the others wait in the kernel's queue (docs/fleet.md), so latency"
echo "includes that wait. Errors must be 0:"
echo
if ! sh tests/bench/serve.sh; then
	echo
	echo "**FAILED: wrk saw errors (its output on stderr).**"
fi
echo
echo "Reproduce: \`sh tests/bench/serve.sh [SECONDS] [CONNECTIONS]\` (wrk:"
echo "\`make deps-bench\`)."
echo

maple_section() {
	echo "## The module's maple dump of 60,000 VMAs (lab VM)"
	echo
	echo "In the lab VM (Debian's 6.1 kernel, memscope.ko), a process with"
	echo "60,000 VMAs (\`manyvmas\`); best of 7 interleaved rounds of reading its"
	echo "/proc/PID/maps in-process (the floor), \`cat\` of it, and writing its PID"
	echo "to /proc/memscope/maple and reading the dump (every node and slot of"
	echo "the tree with each VMA: more bytes than maps):"
	echo
	echo "    $(sh tests/bench/maple.sh)"
	echo
	echo "Reproduce: \`sh tests/bench/maple.sh\` (boots the lab VM:"
	echo "tests/lab/maple-bench.sh there, times in µs in"
	echo "tests/lab/out/maple-bench/run.log; MANY=, ROUNDS= to change the run)."
	echo
}
maple_section

echo "## Steady refresh at 1 s, per tab (the explorer in tmux)"
echo
echo "| tab | CPU share over 20 s | memscope RSS |"
echo "|---|---:|---:|"
hz=$(getconf CLK_TCK)
tmux kill-session -t msbench 2>/dev/null
tmux new-session -d -s msbench -x 120 -y 40 "exec $MS"
sleep 2
pid=$(tmux list-panes -t msbench -F '#{pane_pid}')
for tab in 1 2 3 4 5; do
	tmux send-keys -t msbench "$tab"
	sleep 2
	t0=$(cpu_ticks "$pid")
	sleep 20
	t1=$(cpu_ticks "$pid")
	rss=$(awk '/VmRSS/ { print $2 " kB" }' "/proc/$pid/status")
	name=$(echo "Buddy Slab VMA Reclaim NUMA" | cut -d' ' -f$tab)
	echo "| $name | $(awk -v t=$((t1 - t0)) -v hz="$hz" 'BEGIN { printf "%.2f%%", t * 100 / hz / 20 }') | $rss |"
done
tmux send-keys -t msbench q
sleep 1
tmux kill-session -t msbench 2>/dev/null
echo
echo "Reproduce: \`tmux new-session -d $MS\`, switch tabs, read utime+stime"
echo "of the process from /proc/PID/stat over 20 s (resolution: one tick,"
echo "1/$hz s, i.e. $(awk -v hz="$hz" 'BEGIN { printf "%.2f", 100 / hz / 20 }')% here)."

if [ -x $B/bench/bpf_groups ] && [ -r /sys/kernel/btf/vmlinux ]; then
	echo
	echo "## BPF backend overhead"
	echo
	echo "An event-dense workload (page faults and file create/unlink on every"
	echo "CPU) timed alone, with empty programs on the six kmem tracepoints"
	echo "(the floor of attaching at all), with bpftrace counting the same"
	echo "events per order and per cache name, and with memscope's buddy and"
	echo "slab groups attached:"
	echo
	sh tests/bench/bpf.sh
	echo
	echo "Reproduce: \`sh tests/bench/bpf.sh\` (ROUNDS=, REPS= to change the run;"
	echo "it installs bpftrace when missing and mounts tracefs for it)."
fi
