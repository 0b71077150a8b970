#!/bin/sh
# The BPF backend's overhead: an event-dense workload (bpfload: page faults
# and file create/unlink on every CPU) timed alone, with empty programs on
# the six kmem tracepoints (the floor of attaching at all), with bpftrace
# counting the same events per order and per cache name, and with
# memscope's buddy and slab groups live; then memscope's attrib group and
# bpftrace keeping the same (each page block's stack until its free).
# Interleaved rounds; the best of
# each (other load on the machine only ever adds time).
# Prints Markdown. Needs root and bpftrace (installed when missing).
set -u
cd "$(dirname "$0")/../.." || exit 2
B=${B:-build/bench}
ROUNDS=${ROUNDS:-5000}
REPS=${REPS:-7}
tmp=$(mktemp -d)
helper=""
mounted=""
cleanup() {
	[ -n "$helper" ] && kill "$helper" 2>/dev/null && wait "$helper" 2>/dev/null
	[ -n "$mounted" ] && umount /sys/kernel/tracing
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

if ! command -v bpftrace >/dev/null; then
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
		--no-install-recommends bpftrace >/dev/null 2>&1
fi

# bpftrace finds tracepoints in tracefs
if ! [ -d /sys/kernel/tracing/events ]; then
	mount -t tracefs tracefs /sys/kernel/tracing && mounted=1
fi

# The same counts as memscope keeps: per order, per cache name (kmalloc per
# size; kfree names no cache).
cat > "$tmp/count.bt" <<'BT'
tracepoint:kmem:mm_page_alloc { @alloc[args->order, args->migratetype] = count(); }
tracepoint:kmem:mm_page_free { @free[args->order] = count(); }
tracepoint:kmem:kmem_cache_alloc { @cache_alloc[str(args->name)] = count(); }
tracepoint:kmem:kmem_cache_free { @cache_free[str(args->name)] = count(); }
tracepoint:kmem:kmalloc { @kmalloc[args->bytes_alloc] = count(); }
tracepoint:kmem:kfree { @kfree = count(); }
BT

# What memscope's attrib group keeps: each page block allocated and not
# yet freed with its kernel stack, and per stack the pages it holds.
cat > "$tmp/attrib.bt" <<'BT'
tracepoint:kmem:mm_page_alloc /args->pfn/ {
	@stk[args->pfn] = kstack;
	@ord[args->pfn] = args->order + 1;
	@held[kstack] = sum(1 << args->order);
}
tracepoint:kmem:mm_page_free /@ord[args->pfn]/ {
	@held[@stk[args->pfn]] = sum(-(1 << (@ord[args->pfn] - 1)));
	delete(@stk[args->pfn]);
	delete(@ord[args->pfn]);
}
BT

# start MARK cmd...: run cmd in the background until MARK is in its output
start() {
	mark=$1; shift
	"$@" > "$tmp/out" 2>&1 &
	helper=$!
	i=0
	while ! grep -q "$mark" "$tmp/out" 2>/dev/null; do
		i=$((i + 1))
		if [ $i -gt 300 ] || ! kill -0 "$helper" 2>/dev/null; then
			echo "bpf.sh: '$*' did not start:" >&2
			cat "$tmp/out" >&2
			exit 1
		fi
		sleep 0.1
	done
	sleep 0.5
}

# maxid: the newest program id now
maxid() { bpftool prog show --json | jq '[.[].id] | max // 0'; }

# inside MIN RE: run time and runs of the programs loaded after id MIN
# whose name matches RE (bpftool, statistics on)
inside() {
	bpftool prog show --json | jq -r --argjson min "$1" --arg re "$2" \
		'[.[] | select(.id > $min and (.name | test($re)))] |
		 "\(map(.run_time_ns // 0) | add // 0) \(map(.run_cnt // 0) | add // 0)"'
}

stop() {
	kill -INT "$helper" 2>/dev/null
	wait "$helper" 2>/dev/null
	helper=""
}

load() { $B/bpfload "$tmp" "$ROUNDS"; }

# one MODE: time one workload run under it, in ms
one() {
	case $1 in
	alone) load ;;
	empty) start ready $B/bpf_empty; load; stop ;;
	bpftrace) start Attaching bpftrace "$tmp/count.bt"; load; stop ;;
	memscope) start ready $B/bpf_groups; load; stop
		cp "$tmp/out" "$tmp/groups.txt" ;;
	attrib) start ready $B/bpf_groups attrib; load; stop
		cp "$tmp/out" "$tmp/attrib.txt" ;;
	bt_attrib) BPFTRACE_MAP_KEYS_MAX=131072 start Attaching bpftrace \
		"$tmp/attrib.bt"; load; stop ;;
	esac
}

best() { sort -n | head -n 1; }

modes="alone empty bpftrace memscope attrib bt_attrib"
r=0
while [ $r -lt "$REPS" ]; do
	for m in $modes; do
		one "$m" >> "$tmp/$m.ms"
	done
	r=$((r + 1))
done
for m in $modes; do
	eval "t_$m=$(best < "$tmp/$m.ms")"
done

# Once more with the kernel's run-time statistics on for every program:
# the time spent inside each tool's programs, the same clock for all.
stats_was=$(cat /proc/sys/kernel/bpf_stats_enabled)
sysctl -q kernel.bpf_stats_enabled=1
for m in empty bpftrace memscope attrib; do
	min=$(maxid)
	case $m in
	empty) re='^ms_e_'; start ready $B/bpf_empty ;;
	bpftrace) re='^(mm_page_alloc|mm_page_free|kmem_cache_alloc|kmem_cache_free|kmalloc|kfree)$'
		start Attaching bpftrace "$tmp/count.bt" ;;
	memscope) re='^ms_(pg|extfrag|cbegin|cend|kc|km|kf)'
		start ready $B/bpf_groups ;;
	attrib) re='^ms_at'
		start ready $B/bpf_groups attrib ;;
	esac
	set -- $(inside "$min" "$re")
	ns0=$1 n0=$2
	load > /dev/null
	set -- $(inside "$min" "$re")
	stop
	eval "in_$m=\"$(awk -v a="$1" -v b="$ns0" -v e="$2" -v d="$n0" \
		'BEGIN { printf "%.1f %.1f %d", (a - b) / 1e6,
			 (e - d) ? (a - b) / (e - d) : 0, e - d }')\""
done
sysctl -q kernel.bpf_stats_enabled="$stats_was"

x() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a / b }'; }
above() { awk -v a="$1" -v f="$2" -v b="$3" 'BEGIN { printf "%.1f%%", (a - f) * 100 / b }'; }
share=$(awk -v m="$t_memscope" -v b="$t_bpftrace" -v f="$t_empty" \
	'BEGIN { printf "%.2f", (b > f) ? (m - f) / (b - f) : 99 }')

echo "| workload run with | CPU ms (best of $REPS) | × alone | above the empty-program floor |"
echo "|---|---:|---:|---:|"
echo "| nothing attached | $t_alone | 1.000 | |"
echo "| empty programs on the six kmem tracepoints (floor) | $t_empty | $(x "$t_empty" "$t_alone") | 0 |"
echo "| bpftrace counting per order and per cache name | $t_bpftrace | $(x "$t_bpftrace" "$t_alone") | $(above "$t_bpftrace" "$t_empty" "$t_alone") |"
echo "| memscope's buddy and slab groups | $t_memscope | $(x "$t_memscope" "$t_alone") | $(above "$t_memscope" "$t_empty" "$t_alone") |"
echo
echo "Inside the programs (one more run each, BPF run-time statistics on for"
echo "every program; bpftrace's tracepoint programs run after the perf buffer"
echo "is filled, which this does not count):"
echo
echo "| programs of | ms inside, one workload run | ns per run | runs |"
echo "|---|---:|---:|---:|"
for m in empty bpftrace memscope attrib; do
	eval "set -- \$in_$m"
	echo "| $m | $1 | $2 | $3 |"
done
set -- $in_empty
e=$2
set -- $in_bpftrace
bt=$2
set -- $in_memscope
echo
echo "Per run above the empty programs: memscope $(awk -v m="$2" -v e="$e" \
	'BEGIN { printf "%.0f", m - e }') ns, bpftrace $(awk -v b="$bt" -v e="$e" \
	'BEGIN { printf "%.0f", b - e }') ns: $(awk -v m="$2" -v b="$bt" -v e="$e" \
	'BEGIN { printf "%.2f", (b > e) ? (m - e) / (b - e) : 99 }') of bpftrace's."
echo
echo "memscope's cost above the floor is $share of bpftrace's (target: at most"
echo "0.33). The workload: \`bpfload DIR $ROUNDS\` (tests/bench/bpfload.c), CPU time"
echo "of its processes. Its programs' own run time per event, from the BPF"
echo "run-time statistics (on one interval in 10 s, so they are in the cost):"
echo
sed 's/^/    /' "$tmp/groups.txt"
echo
# The attrib group (the Memory tab's attribution, --attribution): every
# page allocation keeps its block and stack until the free, so it costs
# more per event than counting; against bpftrace keeping the same.
ashare=$(awk -v m="$t_attrib" -v b="$t_bt_attrib" -v f="$t_empty" \
	'BEGIN { printf "%.2f", (b > f) ? (m - f) / (b - f) : 99 }')
set -- $in_attrib
echo "The attrib group (attribution: each page block allocated and not yet"
echo "freed, with its kernel stack), the same workload:"
echo
echo "| workload run with | CPU ms (best of $REPS) | × alone | above the empty-program floor |"
echo "|---|---:|---:|---:|"
echo "| bpftrace keeping each block's stack until its free | $t_bt_attrib | $(x "$t_bt_attrib" "$t_alone") | $(above "$t_bt_attrib" "$t_empty" "$t_alone") |"
echo "| memscope's attrib group | $t_attrib | $(x "$t_attrib" "$t_alone") | $(above "$t_attrib" "$t_empty" "$t_alone") |"
echo
echo "Its cost above the floor is $ashare of bpftrace's; inside its programs"
echo "$(awk -v m="$2" 'BEGIN { printf "%.0f", m }') ns per run (page allocations and frees only):"
echo
sed 's/^/    /' "$tmp/attrib.txt"
echo
echo "The machine's load average when the runs ended: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "(the CPU-time ratios are noisy on a busy machine; the in-program figures"
echo "much less)."
