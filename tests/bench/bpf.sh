#!/bin/sh
# The BPF backend's overhead: an event-dense workload (bpfload: page faults
# and file create/unlink on every CPU) timed alone, with empty programs on
# the six kmem tracepoints (the floor of attaching at all), with bpftrace
# counting the same events per order and per cache name, and with
# memscope's buddy and slab groups live. Interleaved rounds; the best of
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
	esac
}

best() { sort -n | head -n 1; }

modes="alone empty bpftrace memscope"
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
echo "memscope's cost above the floor is $share of bpftrace's (target: at most"
echo "0.33). The workload: \`bpfload DIR $ROUNDS\` (tests/bench/bpfload.c), CPU time"
echo "of its processes. Its programs' own run time per event, from the BPF"
echo "run-time statistics (on one interval in 10 s, so they are in the cost):"
echo
sed 's/^/    /' "$tmp/groups.txt"
