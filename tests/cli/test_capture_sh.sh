# tests/fixtures/capture.sh (how the real-kernel fixture trees are made,
# tests/lab/refresh-fixtures.sh) on this machine: it exits 0, and the tree
# it writes reads back as a sample with its ledger.
. tests/lib.sh
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

sh tests/fixtures/capture.sh "$tmp/tree" $$ >"$tmp/log" 2>&1
rc=$?
ok "capture.sh exits 0 (got $rc)" test $rc = 0
ok "... with meminfo, zoneinfo and vmstat" sh -c \
	"test -s $tmp/tree/proc/meminfo && test -s $tmp/tree/proc/zoneinfo && test -s $tmp/tree/proc/vmstat"
"$MS" -b -n 1 --json --root "$tmp/tree" --tab memory >"$tmp/s.json" 2>"$tmp/err"
ok "the tree reads back: a ledger that partitions" jq_ok "$tmp/s.json" \
	'.memory.physical_kb > 0 and ([.memory.ledger[] | select(.parent == null) | .kb] | add) == .memory.physical_kb'
finish
