# The Buddy tab's physical memory map driven through tmux on this machine
# (root: /proc/kpageflags) at 80x24 and 200x60: open it on the Normal zone,
# move, zoom, the legend, explain, the mono letters, Esc back.
. tests/lib.sh
TUI_NAME=physmap
. tests/tui/lib.sh

if [ "$(id -u)" != 0 ] || [ ! -r /proc/kpageflags ]; then
	echo "# skipped: needs root and /proc/kpageflags"
	finish
	exit
fi

# open W H [OPTIONS]: memscope live, the map of the Normal zone
open() {
	w=$1 h=$2; shift 2
	session "$w" "$h" "$MS --no-config --no-mouse $*; sleep 30"
	keys 1
	wait_for "Enter zone  m map"
	row=$(screen | grep -n ' Normal ' | head -n 1 | cut -d: -f1)
	top=$(screen | grep -n ' DMA ' | head -n 1 | cut -d: -f1)
	i=$top
	while [ "$i" -lt "$row" ]; do keys Down; i=$((i + 1)); done
	keys m
}

# the map's rows on screen: an address, then letters only
rows() { screen | grep -cE '^ +[0-9.]+[MG] [.afuspkHTm_d?]+$'; }
# the legend's lines: a kind's letter, its name, its blocks
legend() { screen | grep -cE '^[.afuspkHTm_d?] [a-zA-Z ]+ [0-9]+ '; }
# legend_is N: until the legend has N lines (5 s)
legend_is() {
	i=0
	while [ "$(legend)" != "$1" ] && [ $i -lt 50 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	[ "$(legend)" = "$1" ]
}

open 80 24
ok "80x24: m opens the map of the zone" wait_for "Node 0, zone Normal: "
ok "80x24: fitted to the screen" wait_for "a cell (fit)"
ok "80x24: rows of cells under an address" test "$(rows)" -ge 8
ok "80x24: the cursor's cell, its pages" wait_re '^pages: .*free [0-9]+'
ok "80x24: its free blocks" wait_re '^free blocks: '
ok "80x24: whether it could be order 9" wait_re '^order 9: [0-9]+ of [0-9]+ blocks'
ok "80x24: a legend with blocks per kind" wait_re '^\. free [0-9]+ '
ok "80x24: the footer's keys" wait_for "i/o zoom  f fit"
first=$(screen | grep -E '^blocks [0-9]+-' | cut -d' ' -f2)
ok "80x24: the cursor's cell first" test -n "$first"
keys Right
ok "80x24: Right moves to the next cell" wait_gone "blocks $first  pfn"
ok "80x24: ... whose pages show" wait_re "^blocks [0-9]+-[0-9]+  pfn"
keys i i i i i
ok "80x24: i zooms in to one block a cell" wait_for " 1 a cell"
ok "80x24: the cursor on one block" wait_re '^block [0-9]+  pfn 0x[0-9a-f]+-0x[0-9a-f]+  . [a-z_]+$'
ok "80x24: one block: yes, or what pins it" wait_re '^order 9: (yes|no)'
keys i
ok "80x24: i at one block a cell: its pages" wait_re "block [0-9]+'s pages \\(o back\\)"
ok "80x24: ... the page under the cursor" wait_re '^page 0  pfn 0x[0-9a-f]+  . [a-z_]+$'
keys Right
ok "80x24: ... Right the next page" wait_re '^page 1  pfn '
keys o
ok "80x24: o back to the blocks" wait_for " 1 a cell"
keys o
ok "80x24: o zooms out" wait_for " 2 a cell"
keys f
ok "80x24: f fits again" wait_for "a cell (fit)"
keys l
ok "80x24: l hides the legend" legend_is 0
keys l
ok "80x24: l shows it again" legend_is 2
keys x
ok "80x24: explain the map" wait_for "Explain: zone (map)"
keys Right
ok "80x24: explain walks to the zoom" wait_for "Explain: zoom"
keys x
wait_gone "Explain:"
keys Escape
ok "80x24: Esc goes back to the zones" wait_for "Enter zone  m map"
no "80x24: ... the map gone" wait_for "a cell (fit)" 1

open 200 60
ok "200x60: the map" wait_for "Node 0, zone Normal: "
wait_re '^\. free [0-9]+ '
ok "200x60: more rows of cells" test "$(rows)" -ge 20
ok "200x60: the legend on one line" test "$(legend)" -eq 1
keys End
ok "200x60: End goes to the last cell" wait_re '^blocks [0-9]+-10751 '
keys ']'
ok "200x60: ] the next zone" wait_re 'Node 0, zone (Movable|DMA):'
keys Escape
ok "200x60: Esc back" wait_for "Enter zone  m map"

# the migrate types per zone (root: pagetypeinfo)
open 80 24
ok "the zone's blocks per migrate type" wait_re '^types: Unmovable [0-9]+ .*Movable [0-9]+'
keys q

# a recording made while the map is on screen carries it
rec=$(mktemp -u /tmp/physmap-XXXXXX.zst)
open 80 24 --record "$rec"
wait_for "a cell (fit)"
sleep 2
keys q
sleep 1
ok "recorded: the map in the samples taken while it showed" sh -c "'$MS' -b --replay '$rec' --json | jq -e 'select(.physmap) | .physmap.zones[] | select(.zone == \"Normal\") | .blocks | length > 0' | grep -q true"
rm -f "$rec" "$rec.marks"

# mono and ASCII: the letters carry the kinds
open 80 24 --theme mono --ascii
ok "mono: the letters alone" wait_re '^ +[0-9.]+[MG] [.afuspkHTm_d?]+$'
keys q
finish
