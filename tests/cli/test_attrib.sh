# Attribution by call site from the outside: the notes that say why it is
# missing, /proc/allocinfo in a tree, and live (root, kernel BTF) pages the
# kernel counts in no meminfo line (pipes holding 64 KiB each) attributed
# to the pipe's write path, with nothing left attached after exit.
. tests/lib.sh
H=${H:-build/hostile/hostile}
tmp=$(mktemp -d)
ms=""
hp=""
cleanup() {
	[ -n "$ms" ] && kill "$ms" 2>/dev/null
	[ -n "$hp" ] && kill "$hp" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

why() { # why FILE: the note about attribution in the first sample
	head -n 1 "$1" | jq -r '[.unavailable[] | select(.what == "attribution")][0].why'
}

R=$FIX/debian12-6.18
"$MS" -b -n 1 --json --root "$R" --tab memory > "$tmp/tree.json"
ok "--tab memory without --attribution: not asked for" \
	test "$(why "$tmp/tree.json")" = "not asked for (--attribution)"
ok "... and no attribution keys" jq_ok "$tmp/tree.json" \
	'.memory | has("attribution") or has("attribution_source") | not'
"$MS" -b -n 1 --json --root "$R" --tab memory --attribution > "$tmp/tree2.json"
ok "a tree without allocinfo: BPF's reason" sh -c \
	"echo '$(why "$tmp/tree2.json")' | grep -Eq 'captured tree|not built with BPF'"
"$MS" -b -n 1 --json --root "$FIX/edge-attrib-allocinfo" --attribution \
	--tab memory > "$tmp/ai.json"
ok "a tree with allocinfo: procfs reads it" jq_ok "$tmp/ai.json" \
	'.sources.attribution == "procfs" and .memory.attribution_source == "allocinfo" and .memory.attribution_version == "2.0"'
ok "... its sites, the biggest first" jq_ok "$tmp/ai.json" \
	'[.memory.attribution[].kb] == [1048576, 262144, 3072, 16, 2, 0] and .memory.attribution[1].site == "fs/pipe.c:523 func:pipe_write"'
"$MS" --root "$FIX/edge-attrib-allocinfo" --capture "$tmp/cap" 2>/dev/null
ok "--capture copies allocinfo (a file, not BPF's live counts)" \
	cmp -s "$tmp/cap/proc/allocinfo" "$FIX/edge-attrib-allocinfo/proc/allocinfo"

if ! bpf_live || [ -e /proc/allocinfo ]; then
	echo "# skipped the live checks: needs root, kernel BTF, bpftool, a BPF build and no /proc/allocinfo"
	finish
	exit
fi
[ -x "$H" ] || { echo "FAIL - helper missing: make $H"; exit 1; }
# a one-shot loads no BPF: nothing was allocated while it watched
"$MS" -b -n 1 --json --tab memory --attribution > "$tmp/one.json"
ok "a one-shot: needs two samples, no attribution keys" sh -c \
	"test '$(why "$tmp/one.json")' = 'needs two samples (-n 2 or more)' &&
	 jq -e '.memory | has(\"attribution\") | not' $tmp/one.json >/dev/null"
"$MS" -b -n 2 -d 0.2 --json --tab memory --attribution | tail -n 1 > "$tmp/not.json"
if jq -e '.sources.attribution != "bpf"' "$tmp/not.json" >/dev/null; then
	echo "# skipped the live checks: $(why "$tmp/not.json")"
	finish
	exit
fi

# memscope attached first (its samples every 0.5 s), then the pipes: their
# pages are allocated while it watches, whatever else the machine does
"$MS" -b -d 0.5 --json --tab memory --attribution > "$tmp/live.json" 2>&1 &
ms=$!
wait_lines "$tmp/live.json" 1
p=$(ids $ms)
ok "attached: the attrib group's two programs (and pcache's two: --tab memory)" \
	test "$(echo "$p" | wc -w)" = 4
N=1024
"$H" pipes $N > "$tmp/pipes.out" 2>&1 &
hp=$!
i=0
while ! grep -q '^ready ' "$tmp/pipes.out" && [ $i -lt 300 ]; do
	sleep 0.1; i=$((i + 1))
done
kb=$(awk '/^ready/ { print $3 }' "$tmp/pipes.out")
ok "the helper holds $N pipes of 64 KiB" test "$kb" = $((N * 64))
# two samples taken after the pipes were full
n=$(wc -l < "$tmp/live.json")
wait_lines "$tmp/live.json" $((n + 2)) 200
ms_stop
tail -n 1 "$tmp/live.json" > "$tmp/last.json"
# the biggest site of the pipe's write path (pipe_write, anon_pipe_write
# since 6.14): its first frame, after the page allocator's
jq -c '[.memory.attribution[] | select(.site | test("^(anon_)?pipe_write\\+"))] | max_by(.kb)' \
	"$tmp/last.json" > "$tmp/pipe.json"
ok "a site in the pipe path holds >= 90% of the pinned $kb kB" jq_ok \
	"$tmp/pipe.json" ". != null and .kb >= $kb * 0.9"
ok "... its stack goes on to the write system call" jq_ok "$tmp/pipe.json" \
	'.stack | test("^(anon_)?pipe_write\\+.*;vfs_write\\+")'
ok "... with at least as many blocks as pages (order 0)" jq_ok \
	"$tmp/pipe.json" ".calls >= $N * 16 * 0.9 and .calls * 4 == .kb"
ok "the counts that say how complete it is" jq_ok "$tmp/last.json" \
	'.memory.attribution_source == "bpf" and .memory.attribution_since_s > 0 and .memory.attribution_capacity == 131072 and .memory.attribution_dropped >= 0 and .memory.attribution_unseen_frees >= 0 and .memory.attribution_stack_lost >= 0'
ok "the total covers the pipes" jq_ok "$tmp/last.json" \
	".memory.attribution_kb >= $kb * 0.9 and .memory.attribution_sites >= 1"
# growth: in the sample after the pipes appeared the site grew; the
# rate is per second of the interval, whatever its length
ok "growth per second of a site between two samples" sh -c \
	"jq -e '[.memory.attribution[] | select(.site | test(\"pipe_write\"))] | any(.kb_per_s != null)' $tmp/live.json | grep -q true"
kill $hp 2>/dev/null
wait $hp 2>/dev/null
hp=""
finish
