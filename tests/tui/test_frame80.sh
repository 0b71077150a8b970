# Every screen at 80x24 through tmux: the header lays out without overlap
# (a replay's place included), a damaged recording says where it stops
# on screen and in the notes, every footer keeps "? help  q quit", lists
# (and pages) show where they are and keep the selection in view after a
# new sort, sort arrows leave column titles whole, tables too wide scroll
# sideways, and explain mode walks only what the screen shows.
. tests/lib.sh
. tests/tui/lib.sh
R=$FIX/debian12-6.18
tmp=$(mktemp -d)
trap 'tui_cleanup; rm -rf "$tmp"' EXIT

# line N: line N of the screen
line() { screen | sed -n "$1p"; }

# ---- The header ------------------------------------------------------
# A replay, paused at its last sample: every figure whole, two blanks
# between the figures and the replay's place (not "23GREPLAY").
session 80 24 "$MS --replay tests/golden/recording.zst; sleep 60"
keys p
wait_for PAUSED
ok "replay header: the figures and the place, apart" sh -c \
	"tmux capture-pane -p -t $S | sed -n 1p | grep -Eq '^MemTotal [0-9.]+[KMGT]( .*[0-9.]+[KMGT%s])?  +REPLAY [0-9:]+ [0-9]+/[0-9]+ x[0-9.]+.*  PAUSED\$'"
ok "replay header: free and available memory stay" sh -c \
	"tmux capture-pane -p -t $S | sed -n 1p | grep -Eq 'Free [0-9.]+[KMGT]  (Mem)?Avail(able)? [0-9.]+[KMGT]  '"

# A recording with a damaged frame: where it stops, on the second line
# and among the notes.
cp tests/golden/recording.zst "$tmp/dam.zst"
printf '\377\000' | dd of="$tmp/dam.zst" bs=1 seek=15000 conv=notrunc 2>/dev/null
want=$("$MS" -b --json --replay "$tmp/dam.zst" 2>&1 >/dev/null |
	grep -o 'recording damaged at sample [0-9]*')
session 80 24 "$MS --replay $tmp/dam.zst; sleep 60"
ok "damaged recording: a sample number to look for" test -n "$want"
ok "damaged recording: said on the second line at 80 columns" sh -c \
	"tmux capture-pane -p -t $S | sed -n 2p | grep -qF '$want'"
keys n End
wait_for "Notes:"
ok "damaged recording: among the notes (n)" sh -c \
	"tmux capture-pane -p -t $S | sed -n '/Notes:/,\$p' | grep -qF '$want'"

# ---- Footers ---------------------------------------------------------
# foot: the footer ends with help and quit
foot() { screen | tail -n 1 | grep -q '? help  q quit *$'; }
session 80 24 "$MS --root $R; sleep 60"
for step in "buddy:1" "slab:2" "vma processes:3" "vma mappings:Enter" \
	"vma fields:Enter" "reclaim:4" "reclaim vmstat:Enter" \
	"reclaim events:Escape e" "reclaim delays:Escape d" "numa:5" \
	"buddy zone:1 Enter" "slab cache:2 Enter"; do
	keys ${step#*:}
	sleep 0.4
	ok "footer at 80 columns keeps ? help  q quit: ${step%%:*}" foot
done
keys Escape 4 Escape
sleep 0.3
ok "reclaim footer: its first key stays" sh -c \
	"tmux capture-pane -p -t $S | tail -n 1 | grep -q '^ Enter every vmstat counter'"

# ---- Lists: where they are, and a new sort -----------------------------
# last_char N: the last character of screen line N
last_char() { line "$1" | sed 's/ *$//' | LC_ALL=C.UTF-8 grep -o '.$'; }
session 80 24 "$MS --root $R --tab slab; sleep 60"
wait_for ext4_inode_cache
ok "slab list at the top: the scroll bar's thumb on its first row" \
	test "$(last_char 5)" = "█"
keys End
sleep 0.3
ok "at the end: the thumb leaves the first row" test "$(last_char 5)" = "│"
ok "at the end: the thumb on the last row" test "$(last_char 23)" = "█"
keys Home
# the selection 9 rows down, the list scrolled so that it is on top
for i in $(seq 30); do keys Down; done
for i in $(seq 21); do keys Up; done
sleep 0.3
sel=$(line 5 | awk '{ print $1 }')
ok "scrolled: the rows above the selection are hidden" wait_gone ext4_inode_cache
ok "scrolled: the scroll bar says so (thumb off the first row)" \
	test "$(last_char 5)" = "│"
keys s '<'
ok "a new sort with the selection on the first page: the top rows show" \
	wait_for ext4_inode_cache
ok "a new sort: the selected row stays on screen" wait_for "$sel"
keys Home
for i in $(seq 25); do keys Down; done
sleep 0.3
sel=$(line 23 | awk '{ print $1 }')
keys r
sleep 0.3
ok "reversed with the selection far down: it stays on screen" \
	sh -c "tmux capture-pane -p -t $S | grep -q '^$sel '"

# The help screen, longer than 24 lines, says where it is too.
keys '?'
wait_for "Everywhere"
ok "help: a scroll bar, its thumb at the top" test "$(last_char 4)" = "█"
keys End
sleep 0.3
ok "help at its end: the thumb at the bottom" test "$(last_char 23)" = "█"
ok "help at its end: not at the top" test "$(last_char 4)" = "│"
keys Escape

# So do pages: the Reclaim overview, longer than 80x24.
keys 4
wait_for "pgscan kswapd"
sleep 0.3
ok "a page: a scroll bar, its thumb at the top" test "$(last_char 4)" = "█"
keys End
sleep 0.3
ok "a page at its end: the thumb at the bottom" test "$(last_char 23)" = "█"
ok "a page at its end: not at the top" test "$(last_char 4)" = "│"
# wider, in two columns: the bar at the right edge, in UTF-8
session 120 24 "$MS --root $R --tab reclaim; sleep 60"
wait_for "pgscan kswapd"
sleep 0.3
ok "a page in two columns: the bar at the right, in UTF-8" \
	test "$(last_char 4)" = "█"

# A list whose columns were chosen for the whole width (a process's
# VMAs) keeps its name column when the scroll bar takes the last one.
for w in 80 100 120 160; do
	session $w 24 "$MS --root $R --tab vma; sleep 60"
	keys Home
	wait_for 9080
	keys Enter
	wait_for "[heap]"
	ok "VMAs at ${w}x24: the Mapping column stays" sh -c \
		"tmux capture-pane -p -t $S | grep -Eq ' Mapping *(›|>)?\$'"
done

# A process's VMAs at 80 columns show the columns that fit; Right passes
# over one optional column more, so each of them shows in turn (Offset,
# Inode, Nodes, ShrD were out of reach below about 160 columns).
session 80 24 "$MS --root $R --tab vma; sleep 60"
keys Home
wait_for 9080
keys Enter
wait_for "[heap]"
vtitle() { screen | grep -E '^(Start|Address) '; }
ok "VMAs at 80x24: the title marks columns left out at the right" sh -c \
	"tmux capture-pane -p -t $S | grep -E '^Start .* Mapping +›\$'"
seen=""
i=0
while [ $i -lt 16 ]; do
	seen="$seen $(vtitle)"
	keys Right; sleep 0.25; i=$((i + 1))
done
for c in Offset Dev Inode AnonHP PrivC PrivD ShrC ShrD Lock THP Nodes; do
	ok "VMAs at 80x24, Right: $c shows in turn" sh -c \
		"echo '$seen' | grep -q ' $c '"
done
ok "VMAs shifted: the title marks columns left out at the left" sh -c \
	"tmux capture-pane -p -t $S | grep -E '^Start +‹ +Size '"
ok "VMAs shifted: the path keeps its file name" wait_re '…/libc\.so\.6 *(│|█)?$'
for i in $(seq 16); do keys Left; done
ok "Left back: Anon again, no mark at the left" sh -c \
	"sleep 0.5; tmux capture-pane -p -t $S | grep -E '^Start +Size .* Anon Mapping'"
# a sorted column stays while the others pass
keys F6
wait_for "Sort by"
keys Home
for i in 1 2 3 4 5 6; do keys Down; done
keys Enter
wait_re 'Anon[▼▲]'
keys Right Right
ok "VMAs sorted by Anon, Right twice: Anon stays" wait_re '^Start +‹ .* Anon[▼▲] '

# A screen's title too long for 80 columns is cut before its way back,
# with a mark ('... 8 attempts per order  (Esc bac…' lost the way back).
session 80 24 "$MS --root $R; sleep 60"
keys a
ok "a long screen title: cut with a mark, (Esc back) kept" \
	wait_re '^─ Allocation probe: .*…  \(Esc back\) ─$'

# ---- Column titles and columns off screen ------------------------------
session 80 24 "$MS --root $R; sleep 60"
wait_for DMA32
ok "buddy at 80 columns: Managed is off screen" wait_gone Managed 1
ok "buddy: the title line marks more columns at the right" sh -c \
	"tmux capture-pane -p -t $S | sed -n 4p | grep -q '›\$'"
ok "buddy: the footer says how to see them" sh -c \
	"tmux capture-pane -p -t $S | tail -n 1 | grep -q '←/→ columns'"
keys s
wait_re '^Node?[▲▼]' 10
ok "a sorted column keeps its whole title (Node▼, not Nod▼)" sh -c \
	"tmux capture-pane -p -t $S | sed -n 4p | grep -q '^Node[▲▼] *Zone '"
i=0
while [ $i -lt 20 ] && ! screen | sed -n 4p | grep -q Managed; do
	keys Right; sleep 0.3; i=$((i + 1))
done
ok "Right shifts the columns until Managed shows" sh -c \
	"tmux capture-pane -p -t $S | sed -n 4p | grep -q Managed"
ok "shifted: Node and Zone stay" sh -c \
	"tmux capture-pane -p -t $S | sed -n 4p | grep -q '^Node[▲▼] *Zone '"
ok "shifted: the title line marks columns at the left" sh -c \
	"tmux capture-pane -p -t $S | sed -n 4p | grep -q '‹'"
ok "shifted: the rows follow (DMA32's managed pages)" sh -c \
	"tmux capture-pane -p -t $S | grep -q '^ *0 DMA32 .* 772917'"
keys Left Left Left Left Left Left Left Left Left Left
ok "Left shifts them back" wait_for Wmark

# ---- Explain mode walks what the screen shows --------------------------
# pos: the panel's "id k/N"; walk_ids: Right through every id, one a line
pos() { screen | grep -o '[a-z_]*\.[a-z0-9_.]*  [0-9]*/[0-9]*' | head -n 1; }
walk_ids() {
	sleep 0.4
	p=$(pos); total=${p##*/}; j=0
	while [ $j -lt "${total:-0}" ]; do
		p=$(pos); echo "${p%% *}"
		keys Right; sleep 0.15; j=$((j + 1))
	done
}
keys x
walk_ids > "$tmp/buddy.ids"
ok "explain: the zone table's columns on screen are walked" \
	grep -qx buddy.zone.frag "$tmp/buddy.ids"
no "explain: columns off screen are not (Low, High, Managed, Spanned)" \
	grep -qx -e buddy.zone.low -e buddy.zone.high -e buddy.zone.managed \
	-e buddy.zone.spanned "$tmp/buddy.ids"
no "explain: event rates the tab does not show are not" \
	grep -q '^buddy\.ev\.' "$tmp/buddy.ids"
keys x
for i in 1 2 3 4 5 6 7 8 9 10; do keys Right; done
keys x
walk_ids > "$tmp/shifted.ids"
ok "explain after shifting: Managed is walked" \
	grep -qx buddy.zone.managed "$tmp/shifted.ids"
keys x 3 Home Enter
wait_for "Address"
keys Enter
wait_for "KernelPageSize"
keys x
walk_ids > "$tmp/vma.ids"
ok "explain on a VMA: its fields are walked" grep -qx vma.v.rss "$tmp/vma.ids"
no "explain on a VMA of a one-node machine: no Nodes field" \
	grep -qx -e vma.v.nodes -e vma.d.policy "$tmp/vma.ids"

# ---- The help --------------------------------------------------------
# Every key's line of the help whole at 80 columns: the same text as at 200
# (three were cut there: 'again fla', 'the recorded time', 'as record').
help_text() { # W: the help's lines, in a screen tall enough for all of it
	session "$1" 300 "$MS --root $R; sleep 60"
	keys '?'
	wait_for "Everywhere"
	# the keys: below the header (and its memory bar) and the tab bar,
	# above the sources and notes (data)
	screen | sed -e '1,/^ 1 Buddy /d' -e '/Sources: the backend/,$d' |
		grep -v -e '\(─\|-\)\{8\}' | sed -e 's/[│█ ]*$//' -e 's/^ *//'
}
help_text 80 > "$tmp/help80"
help_text 200 > "$tmp/help200"
# ... and each key whole in its column (24 wide, then the text): 'N, M, l,
# e, d, P, o (Cgroups)' ran into its text as '... o (Cgrname, usage'
screen | sed -e '1,/^ 1 Buddy /d' -e '/Sources: the backend/,$d' \
	> "$tmp/help200raw"
no "help: every key fits its column" grep -E '^  .{23}[^ ]' "$tmp/help200raw"
grep -E '^  .{23}[^ ]' "$tmp/help200raw"
ok "help at 80 columns: some lines" test "$(wc -l < "$tmp/help80")" -gt 60
ok "help at 80 columns: every line whole (as at 200)" \
	cmp -s "$tmp/help80" "$tmp/help200"
diff "$tmp/help80" "$tmp/help200" | grep '^<'
# ... and at 80x24, where the scroll bar takes the last column ('meaning,'
# lost its comma there, 'walk every' its y): page through the keys
session 80 24 "$MS --root $R; sleep 60"
keys '?'
wait_for "Everywhere"
i=0
while [ $i -lt 12 ] && ! screen | grep -q "Sources: the backend"; do
	screen | sed -e '1,3d' -e '$d'
	keys PgDn
	sleep 0.2
	i=$((i + 1))
done | grep -v -e '\(─\|-\)\{8\}' | sed -e 's/[│█ ]*$//' -e 's/^ *//' |
	sort -u > "$tmp/help80p"
sort -u "$tmp/help200" > "$tmp/help200s"
ok "help at 80x24 (scroll bar): some lines" \
	test "$(wc -l < "$tmp/help80p")" -gt 60
ok "help at 80x24 (scroll bar): every key's line whole" \
	test -z "$(comm -23 "$tmp/help80p" "$tmp/help200s")"
comm -23 "$tmp/help80p" "$tmp/help200s"

# A note longer than the screen wraps, its next line indented, not cut
# ('MemFree: ... (deferred page init; Buddy: Enter o…').
keys n End
wait_for "Notes:"
ok "help's notes at 80 columns: a long note wraps" sh -c \
	"tmux capture-pane -p -t $S | grep -q '^    Enter on the zone) *[│█]\$'"
ok "help's notes at 80 columns: the wrapped note ends the screen" sh -c \
	"tmux capture-pane -p -t $S | sed -n 23p | grep -q 'Enter on the zone)'"

# ---- Cut cells and menus -----------------------------------------------
# A process's command longer than its column ends with a mark, not cut
# silently ('evil\x1b[31m' of 'evil\x1b[31m\x0aname').
session 80 24 "$MS --root $R --tab vma; sleep 60"
wait_for "process_api"
ok "a command cut at 80 columns ends with a mark" sh -c \
	"tmux capture-pane -p -t $S | grep -q 'evil.*…\$'"
# The sort menu longer than the rows under it: arrows say there is more
# (Buddy at 80x30 showed up to Free, Managed and the rest out of sight).
session 80 30 "$MS --root $R; sleep 60"
keys 1 F6
wait_for "Sort by"
ok "sort menu cut: an arrow says more below" sh -c \
	"tmux capture-pane -p -t $S | grep -q '^   Free *↓'"
keys End
sleep 0.3
ok "sort menu at its end: an arrow says more above" sh -c \
	"tmux capture-pane -p -t $S | grep -q '^   Low *↑'"
ok "sort menu at its end: the last column shows" wait_for "Spanned"
# A search or sort menu open on a VMA list: the footer gives its keys, not
# the list's ('Enter VMA fields' while Enter sorts; at 80 columns the
# menu's own keys did not fit).
session 80 24 "$MS --root $R --tab vma; sleep 60"
wait_for "process_api"
keys F3
sleep 0.3
ok "VMA processes, F3: the footer says how to search" sh -c \
	"tmux capture-pane -p -t $S | tail -n 1 | grep -q '^ type to search  F3 next'"
keys Escape Enter
wait_for "Mapping"
keys F6
wait_for "Sort by"
ok "VMA mappings, F6: the footer gives the menu's keys" sh -c \
	"tmux capture-pane -p -t $S | tail -n 1 | grep -q '^ Up/Down column  Enter sort  Esc cancel'"
no "VMA mappings, F6: no 'Enter VMA fields' in the footer" sh -c \
	"tmux capture-pane -p -t $S | tail -n 1 | grep -q 'VMA fields'"

# A graph panel with more lines than rows says how many it leaves out
# (Buddy's orders 6..10 were simply not there at 80x24).
session 80 24 "$MS --root $R; sleep 60"
keys 1 H
wait_for "History"
ok "graph panel at 80x24: the lines left out are counted" \
	wait_for "+6 more: a taller or wider terminal shows them"

# A screen first drawn as if it fitted, then found longer: drawn again
# with the scroll bar's column kept free (the bar covered the NUMA node's
# closing ']' until something else redrew the screen).
session 80 24 "$MS --root $R --tab numa; sleep 60"
wait_for "Distance"
ok "first draw of a scrolled screen: the scroll bar covers nothing" sh -c \
	"tmux capture-pane -p -t $S | sed -n 6p | grep -q '^N0 .*\] *[█│]\$'"

# The header's memory bar: 80 columns whole from 32 rows (RAM, then the
# segments with their labels where they fit); below 32 rows inside the
# first line, between the memory figures and PSI, so the tab keeps its rows
session 80 32 "$MS --root $FIX/debian-6.1-2node --theme mono; sleep 30"
ok "memory bar at 80x32: RAM, reserved, free labelled, 80 columns" sh -c \
	"tmux capture-pane -p -t $S | sed -n 3p | grep -Eq '^RAM 4.5G :+free 95%\.+[+#=:?.]*\$' &&
	 test \$(tmux capture-pane -p -t $S | sed -n 3p | wc -m) -eq 81"
ok "memory bar at 80x32: the tab bar under it" sh -c \
	"tmux capture-pane -p -t $S | sed -n 4p | grep -q '^ 1 Buddy '"
session 80 24 "$MS --root $FIX/debian-6.1-2node --theme mono; sleep 30"
for k in 1 2 3 4 5 6 7; do
	keys $k
	sleep 0.4
	ok "memory bar at 80x24, tab $k: in the first line, figures beside it" \
		sh -c "tmux capture-pane -p -t $S | sed -n 1p | grep -Eq '^MemTotal 4.3G  MemFree 4.2G  Avail 4.1G  :free 95%\.{12}  PSI 0.00%  1.0s\$'"
	ok "memory bar at 80x24, tab $k: the tab bar third" sh -c \
		"tmux capture-pane -p -t $S | sed -n 3p | grep -q '^ 1 Buddy '"
done
keys 1
wait_for "   1 Device "
ok "memory bar at 80x24: the Buddy tab keeps its rows (the last zone)" \
	sh -c "tmux capture-pane -p -t $S | sed -n 14p | grep -q '^   1 Device '"
# the default theme: coloured blanks, the labels (the figures' colour
# apart from the segments')
session 80 24 "$MS --root $R --ascii; sleep 30"
ok "memory bar at 80x24 (colours, --ascii): labels between the figures" \
	wait_re "^MemTotal 23.5G  Free 23.1G  Avail 23.2G  deferred 76% +free +PSI 0.00%  1.0s\$"
no "memory bar at 80x24 --ascii: no UTF-8 in the line" sh -c \
	"tmux capture-pane -p -t $S | sed -n 1p | grep -q '[^ -~]'"
ok "memory bar at 80x24: segments in their colours" sh -c \
	"tmux capture-pane -e -p -t $S | sed -n 1p | grep -q 'deferred 76%'"

finish
