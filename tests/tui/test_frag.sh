# Fragmentation, told honestly, at 80x24 through tmux: the zone table
# shows the kernel's indices (unusable and extfrag at the pageblock order
# and the costly order 3) before the chapter's Frag%, which is dim and in
# parentheses where it does not apply (the largest free order is the
# zone's top: 99.9 on a healthy zone), with a line that says why; the
# zone's page the same, with one figure per name.
. tests/lib.sh
. tests/tui/lib.sh
R=$FIX/debian12-6.18
trap 'tui_cleanup' EXIT

# row TEXT: the screen's first line holding TEXT, with its SGR codes
row() { tmux capture-pane -e -p -t "$S" | grep -F -- "$1" | head -n 1; }

TUI_NAME=frag
session 80 24 "$MS --root $R; sleep 60"
wait_for DMA32
ok "80x24: the kernel's indices first, then Frag%, all on screen" sh -c \
	"tmux capture-pane -p -t $S | sed -n 4p | grep -Eq ' Lrg Unus9% +Ext9 Unus3% +Ext3 +Frag% '"
ok "healthy DMA32: Unus9% 0.2, Ext9 -1.000 (a block is free), at 3 too" \
	wait_for "   0 DMA32    OK       772917   2.9G  10    0.2 -1.000    0.0 -1.000 (99.9)"
ok "its Frag% is dim, in parentheses (the largest free order is the top)" \
	sh -c "tmux capture-pane -e -p -t $S | grep -F 'DMA32' | grep -qF \"\$(printf '\033[2m(99.9)')\""
ok "no plain 99.9 anywhere on the screen" sh -c \
	"! tmux capture-pane -p -t $S | grep -Eq '(^|[^(])99\.[0-9]([^)%]|\$)'"
ok "the line under the table says why" \
	wait_for "(Frag%): does not apply where the largest free order is the zone's top one"
ok "the kernel's indices are not dim" sh -c \
	"! tmux capture-pane -e -p -t $S | grep -F DMA32 | grep -qF \"\$(printf '\033[2m')0.2\""

# The zone's page: the kernel's indices at both orders, then the
# chapter's, named as such, dim, saying why; no second "fragmentation
# index".
keys Down Enter
wait_for "Node 0, zone DMA32  (Esc back)"
ok "zone page: the pageblock order's indices" wait_for \
	"pageblock order 9: unusable 0.002  extfrag -1.000 (a block is free)"
ok "zone page: the costly order's" wait_for \
	"costly order 3: unusable 0.000  extfrag -1.000 (a block is free)"
ok "zone page: the chapter's index after them, saying it does not apply" \
	wait_for "chapter's index (99.9%): does not apply, largest free order 10 is the top"
ok "zone page: the kernel's line comes before the chapter's" sh -c \
	"tmux capture-pane -p -t $S | grep -n -e '^pageblock order 9' -e \"^chapter's index\" | head -n 1 | grep -q pageblock"
ok "zone page: the chapter's line is dim" sh -c \
	"tmux capture-pane -e -p -t $S | grep -F \"chapter's index\" | grep -qF \"\$(printf '\033[2m')\""
ok "zone page: no figure called 'fragmentation index'" sh -c \
	"! tmux capture-pane -p -t $S | grep -qi 'fragmentation index'"

# explain LANG: explain mode in LANG, walked right to the Frag% column
explain() {
	session 80 24 "LANG=$1 LC_ALL= LANGUAGE= $MS --root $R; sleep 60"
	wait_for DMA32
	keys x
	i=0
	while [ $i -lt 12 ] && ! screen | grep -q 'Frag%  buddy.zone.frag'; do
		keys Right; sleep 0.2; i=$((i + 1))
	done
}

# Explain mode on Frag%: why it is dim, in both languages
explain C.UTF-8
ok "explain Frag%: it does not apply where the largest order is the top" \
	sh -c "tmux capture-pane -p -t $S | grep -q 'Explain: Frag%' &&
	       tmux capture-pane -p -t $S | tr '\n' ' ' | grep -q \"zone's top\""
explain zh_CN.UTF-8
ok "explain Frag% in Chinese: shown dim where it does not apply" sh -c \
	"tmux capture-pane -p -t $S | grep -q 'Frag%  buddy.zone.frag' &&
	 tmux capture-pane -p -t $S | grep -q '变暗并加括号'"

# A zone where the chapter's index applies (only order-0 blocks free): plain,
# 99.9 (99.9993, never rounded up to all of it)
session 80 24 "$MS --root $FIX/edge-buddy-order0; sleep 60"
wait_for Normal
ok "a zone whose largest free order is below the top: Frag% plain" sh -c \
	"tmux capture-pane -p -t $S | grep -E '^ +0 Normal ' | grep -Eq ' 99\.9 *\$'"
ok "and no line saying it does not apply" sh -c \
	"! tmux capture-pane -p -t $S | grep -q 'does not apply'"

finish
