#!/bin/sh
# Folio sizes on this machine (root; skipped without /proc/kpageflags):
# a process whose 8 MiB anonymous VMA, 2 MiB-aligned and advised
# MADV_HUGEPAGE, is touched whole shows PMD-size (2048 kB) anonymous
# folios for that VMA in --folios' JSON and text, the process's sums
# count them too, and without root memscope says why there are none.
# PMD-size THP is set to madvise for the run only if it was off, and put
# back on every exit (tests/cli/thp.sh).
. tests/lib.sh
. tests/cli/thp.sh
tmp=$(mktemp -d)
trap 'kill $thp_pid 2>/dev/null; thp_restore; rm -rf "$tmp"' EXIT

if [ ! -r /proc/kpageflags ] || [ ! -d "$THP" ]; then
	echo "folio: skipped (needs root, /proc/kpageflags and THP)"
	finish
	exit
fi
thp_on
ok "the holder maps and touches its 8 MiB" thp_hold "$tmp"
J=$tmp/s.json
"$MS" -b -n 1 --json --tab vma --pid "$thp_pid" --folios >"$J" 2>"$tmp/err"
V=".vmas.list[] | select(.start == \"$thp_addr\")"
ok "its VMA: 8 MiB, read" jq_ok "$J" "($V | .size_kb == 8192 and (.folios | length > 0))"
ok "its VMA: PMD-size anonymous folios" \
	jq_ok "$J" "[$V | .folios[] | select(.size_kb == 2048) | .anon_kb] | add >= 2048"
ok "its VMA: every page counted, at 2048 kB or 4 kB" \
	jq_ok "$J" "[$V | .folios[] | select(.size_kb == 2048 or .size_kb == 4) | .anon_kb] | add == 8192"
ok "the process's sums count them" \
	jq_ok "$J" "([.vmas.folios[] | select(.size_kb == 2048) | .anon_kb] | add) >= ([$V | .folios[] | select(.size_kb == 2048) | .anon_kb] | add)"
ok "a whole pass in batch mode" jq_ok "$J" ".vmas.folios_progress == 1 and .vmas.folios_passes == 1"
"$MS" -b -n 1 --tab vma --pid "$thp_pid" --folios >"$tmp/t" 2>&1
ok "the text: its VMA's line has 2048kB" sh -c \
	"grep -A1 '^0*$thp_addr ' '$tmp/t' | grep -q 'folios anon/file kB:.* 2048kB=[0-9]*/0'"
if id nobody >/dev/null 2>&1; then
	chmod 755 "$tmp"
	# its own shell's VMAs, which it may read
	su -s /bin/sh nobody -c "exec '$MS' -b -n 1 --json --tab vma --pid \$\$ --folios" \
		>"$tmp/n.json" 2>/dev/null
	ok "not root: a note says why, no folios" \
		jq_ok "$tmp/n.json" '(.unavailable[] | select(.what == "folios") | .why | test("needs root")) and (.vmas.list | length > 0) and .vmas.folios == null and all(.vmas.list[]; .folios == null)'
fi
finish
