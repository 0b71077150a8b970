#!/bin/sh
# The folio sizes in the explorer at 80x24: f on a process's mappings
# reads them, the line under the title has the process's sizes, the
# Folio column each VMA's biggest size and its share, a VMA's screen the
# anon and file split; f again puts the screen back. On the hand-made
# tree tests/fixtures/folio-synth (tests/fixtures/folio-synth.py), then
# (root) on this machine: a process's advised 8 MiB VMA in PMD-size THP.
. tests/lib.sh
. tests/tui/lib.sh
. tests/cli/thp.sh
tmp=$(mktemp -d)
trap 'kill $thp_pid 2>/dev/null; thp_restore; tui_cleanup; rm -rf "$tmp"' EXIT

session 80 24 "$MS --root $FIX/folio-synth -p 4242; sleep 60"
wait_for "pid 4242 synth"
ok "before f: no Folio column" sh -c "! tmux capture-pane -p -t $S | grep -q ' Folio '"
ok "the footer says f" sh -c "tmux capture-pane -p -t $S | tail -n 1 | grep -q 'f folios'"
keys f
wait_for "Folios  4K 16K"
ok "the process's line: every size, the partial pages" sh -c \
	"tmux capture-pane -p -t $S | grep -qx 'Folios  4K 16K  16K 32K  32K 32K  64K 64K  2M 2.0M  part 56K *'"
ok "the Folio column, at 80 columns" sh -c "tmux capture-pane -p -t $S | grep -q ' Folio '"
ok "the 2 MiB VMA: 2M 100%" sh -c "tmux capture-pane -p -t $S | grep -q '^0*200000 .* 2M 100% '"
ok "the first VMA: 64K, 44% of its 144K" sh -c "tmux capture-pane -p -t $S | grep -q '^0*10000 .* 64K 44% '"
# the cell under the Folio title of a row
cell() {
	screen | awk -v a="$1" '/ Folio / { i = index($0, " Folio ") - 3 }
		i && $1 ~ "^0*" a "$" { print substr($0, i, 9); exit }'
}
ok "the VMA of no page: its cell empty, not -" test "$(cell 500000)" = "         "
ok "the file VMA: 32K, 57%" test "$(cell 400000)" = "  32K 57%"
keys Down Down Enter
wait_for "Folio sizes"
keys End
wait_for "partial"
ok "the VMA's screen: 16K and 32K file folios" sh -c \
	"tmux capture-pane -p -t $S | grep -Eq '^ +16K +0K +16K *' && tmux capture-pane -p -t $S | grep -Eq '^ +32K +0K +32K *'"
ok "the VMA's screen: its partial pages" sh -c \
	"tmux capture-pane -p -t $S | grep -Eq '^ +partial +0K +8K *'"
keys Escape f
wait_gone "Folios  4K"
ok "f again: the column goes" sh -c "! tmux capture-pane -p -t $S | grep -q ' Folio '"

if [ ! -r /proc/kpageflags ] || [ ! -d "$THP" ]; then
	echo "folio live: skipped (needs root, /proc/kpageflags and THP)"
	finish
	exit
fi
thp_on
ok "the holder maps and touches its 8 MiB" thp_hold "$tmp"
session 80 24 "$MS -p $thp_pid; sleep 60"
wait_for "pid $thp_pid thphold"
keys f
wait_re "Folios .* 2M [0-9.]+M" 10
ok "live: the process's line has 2M folios" sh -c \
	"tmux capture-pane -p -t $S | grep -Eq '^Folios .* 2M (8.0|[1-9][0-9.]*)M'"
ok "live: its VMA is mapped by 2M folios" sh -c \
	"tmux capture-pane -p -t $S | grep -Eq '^0*$thp_addr +8.0M rw-p .* 2M +[0-9]+% '"
finish
