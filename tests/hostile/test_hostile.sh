# Live processes with hostile names and mapped paths against memscope (root,
# this machine): in batch (text, JSON) and in the explorer (tmux), names are
# escaped, every VMA is counted, and no raw control byte reaches the pane.
. tests/lib.sh
. tests/hostile/lib.sh

# ---- names: comm (15 bytes) and cmdline with escapes --------------------
# comm bytes (hex) and how memscope must show them
set -- \
	487a311b5b324a1b5b48 'Hz1\x1b[2J\x1b[H' \
	487a321b5d35323b633b61476b3d07 'Hz2\x1b]52;c;aGk=\x07' \
	487a331b5d303b70776e07 'Hz3\x1b]0;pwn\x07' \
	487a340a6e6c9bc29b 'Hz4\x0anl\x9b\xc2\x9b' \
	487a35295a2031203220287829 'Hz5)Z 1 2 (x)' \
	487a365f3233343536373839616263646566676869 'Hz6_23456789abc' \
	487a37fffe80e280ae 'Hz7\xff\xfe\x80\xe2\x80\xae'
big=$(head -c 5000 /dev/zero | tr '\0' 'A')
n=0
while [ $# -gt 0 ]; do
	n=$((n + 1))
	spawn name$n name "$1" "$(printf 'arg\033[2J\033]0;t\a\n')" "$big"
	eval "npid$n=$pid want$n=\$2"
	shift 2
done
ok "names: the helpers run" test -n "$npid7" -a -d "/proc/$npid7"
ok "names: the kernel cut comm at 15 bytes" \
	test "$(cat /proc/$npid6/comm)" = Hz6_23456789abc
ok "names: cmdline over 4 KiB" test "$(wc -c < /proc/$npid1/cmdline)" -gt 5000

"$MS" -b -n 1 --json --tab vma > "$tmp/names.json" 2> "$tmp/names.err"
ok "names: batch JSON exits 0" test $? = 0
for k in 1 2 3 4 5 6 7; do
	eval "p=\$npid$k w=\$want$k"
	ok "names: JSON comm $k escaped ($w)" jq -e --argjson p "$p" \
		--arg w "$w" '[.processes[] | select(.pid == $p)][0].comm == $w' \
		"$tmp/names.json"
done
no "names: no raw control byte in JSON" raw "$tmp/names.json"
"$MS" -b -n 1 --tab vma > "$tmp/names.txt" 2>&1
ok "names: batch text exits 0" test $? = 0
no "names: no raw control byte in text" raw "$tmp/names.txt"
ok "names: text shows the escaped comm" grep -qF 'Hz1\x1b[2J\x1b[H' "$tmp/names.txt"
ok "names: text keeps one line per process" \
	test "$(grep -c ' Hz[1-7]' "$tmp/names.txt")" = 7

# wide enough for the longest escaped comm (26 columns) beside the Cgroup
# column: this checks escaping, not the layout
tui names 160 40 "$MS --tab vma"
wait_for "Processes" 10
title=$(fmt '#{pane_title}')
keys / H z Enter
ok "names tui: the filtered list" wait_for 'Hz7' 10
screen > "$tmp/names.pane"
tmux capture-pane -p -e -t "$S" > "$tmp/names.panee"
for k in 1 2 3 4 6 7; do
	eval "w=\$want$k"
	ok "names tui: comm $k shown escaped" grep -qF -- "$w" "$tmp/names.pane"
done
ok "names tui: a fake stat field stays in the comm" grep -qF 'Hz5)Z 1 2 (x' "$tmp/names.pane"
no "names tui: no raw control byte on the screen" raw "$tmp/names.pane"
# with -e, the only escapes allowed are memscope's own colours (SGR)
ok "names tui: only SGR escapes in the pane" sgr_only "$tmp/names.panee"
ok "names tui: OSC 0 did not set the title" test "$(fmt '#{pane_title}')" = "$title"
ok "names tui: OSC 52 did not fill a paste buffer" test -z "$(tmux list-buffers)"
ok "names tui: ESC[2J did not clear the screen" grep -q 'Hz1' "$tmp/names.pane"
keys Escape # the filter
sleep 0.3
keys / H z 1 Enter
sleep 0.3
keys Enter
ok "names tui: drill-down title escaped" wait_for 'Hz1\x1b[2J\x1b[H: ' 10
no "names tui: drill-down, no raw control byte" sh -c \
	"tmux capture-pane -p -t $S | grep -q \"\$(printf '[\001-\011\013-\037\177]')\""
keys q
ok "names tui: q exits 0" wait_for "EXIT=0"
tmux kill-session -t "$S"

# a recording and a captured tree keep the raw bytes; shown escaped again
"$MS" -b -n 1 --tab vma --record "$tmp/names.rec" > /dev/null 2>&1
"$MS" -b --replay "$tmp/names.rec" --json --tab vma > "$tmp/replay.json" 2>&1
"$MS" --capture "$tmp/cap" --pid "$npid1" > /dev/null 2>&1
"$MS" -b -n 1 --json --root "$tmp/cap" --tab vma > "$tmp/cap.json" 2>&1
for k in 1 2 4 7; do
	eval "p=\$npid$k w=\$want$k"
	ok "names: replayed comm $k escaped" jq -e --argjson p "$p" \
		--arg w "$w" '[.processes[] | select(.pid == $p)][0].comm == $w' \
		"$tmp/replay.json"
	ok "names: captured comm $k escaped" jq -e --argjson p "$p" \
		--arg w "$w" '[.processes[] | select(.pid == $p)][0].comm == $w' \
		"$tmp/cap.json"
done
no "names: replay, no raw control byte" raw "$tmp/replay.json"
tui replay 120 40 "$MS --replay $tmp/names.rec --tab vma"
wait_for "Processes" 10
keys / H z Enter
ok "names replay tui: the escaped comm" wait_for 'Hz2\x1b]52;c;aGk=\x07' 10
tmux capture-pane -p -e -t "$S" > "$tmp/replay.panee"
ok "names replay tui: only SGR escapes in the pane" sgr_only "$tmp/replay.panee"
keys q
ok "names replay tui: q exits 0" wait_for "EXIT=0"
tmux kill-session -t "$S"
for k in 1 2 3 4 5 6 7; do eval "kill \$npid$k"; done

# ---- mapped paths: newline, blanks, escapes, invalid UTF-8, (deleted) ----
mkdir "$tmp/maps"
spawn maps maps "$tmp/maps"
mp=$pid
D="$tmp/maps"
lines=$(wc -l < /proc/$mp/maps)
"$MS" -b -n 1 --json --tab vma --pid $mp > "$tmp/maps.json"
ok "maps: JSON has every VMA (= maps lines, $lines)" jq -e \
	--argjson n "$lines" '.vmas.list | length == $n' "$tmp/maps.json"
# path suffix -> how memscope shows it (JSON string, escaped once more)
set -- \
	'gone (deleted)' 'gone (deleted)' \
	'fake (deleted)' 'fake (deleted)' \
	'newline' 'new\\012line' \
	'two  spaces and<TAB>tab' 'two  spaces and\x09tab' \
	'esc<ESC>' 'esc\x1b[2J\x1b]52;c;aGk=\x07' \
	'bad<FF>' 'bad\xff\xfe utf8 \xc2\x9b c1' \
	'lead' ' lead and trail ' \
	'quote' 'q"uote back\\slash' \
	'U+2028' 'line\xe2\x80\xa8sep'
# DIR/deep/ + 15 x (ten ESC + 240 d) + /end, as JSON holds it
dir=$(printf '%s' '\x1b\x1b\x1b\x1b\x1b\x1b\x1b\x1b\x1b\x1b'; printf '%0240d' 0 | tr 0 d)
deep=deep
for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15; do deep="$deep/$dir"; done
deep="$deep/end"
ok "maps: JSON, a 4 KiB path whole and escaped" jq -e --arg w "$D/$deep" \
	'[.vmas.list[] | select(.path == $w)] | length == 1' "$tmp/maps.json"
while [ $# -gt 0 ]; do
	ok "maps: JSON path $1" jq -e --arg w "$D/$2" \
		'[.vmas.list[] | select(.path == $w)] | length == 1' "$tmp/maps.json"
	ok "maps: $1 is a file VMA" jq -e --arg w "$D/$2" \
		'[.vmas.list[] | select(.path == $w)][0].inode > 0' "$tmp/maps.json"
	shift 2
done
no "maps: no raw control byte in JSON" raw "$tmp/maps.json"
"$MS" -b -n 1 --tab vma --pid $mp > "$tmp/maps.txt"
no "maps: no raw control byte in text" raw "$tmp/maps.txt"
ok "maps: text counts the VMAs" grep -q "^VMAs of pid $mp (hostile): $lines\$" "$tmp/maps.txt"
ok "maps: text, one line per VMA" test \
	"$(sed -n '/^VMAs of pid/,/^summary:/p' "$tmp/maps.txt" | grep -c '^[0-9a-f]\{12,16\} ')" = "$lines"
ok "maps: text shows the escape sequence escaped" \
	grep -qF 'esc\x1b[2J\x1b]52;c;aGk=\x07' "$tmp/maps.txt"
"$MS" -b -n 1 --json --tab vma > "$tmp/mapsp.json"
ok "maps: the process list counts them too" jq -e --argjson p $mp \
	--argjson n "$lines" '[.processes[] | select(.pid == $p)][0].vmas == $n' \
	"$tmp/mapsp.json"

tui maps 400 60 "$MS --tab vma"
wait_for "Processes" 10
keys / h o s t i l e Enter
keys Enter
ok "maps tui: drill-down counts the VMAs" wait_for "hostile: $lines VMAs" 10
keys End
ok "maps tui: the escape sequence escaped" wait_for 'esc\x1b[2J' 5
screen > "$tmp/maps.pane"
tmux capture-pane -p -e -t "$S" > "$tmp/maps.panee"
no "maps tui: no raw control byte" raw "$tmp/maps.pane"
ok "maps tui: only SGR escapes in the pane" sgr_only "$tmp/maps.panee"
ok "maps tui: the deleted file" grep -qF 'gone (deleted)' "$tmp/maps.pane"
ok "maps tui: the fake deleted file" grep -qF 'fake (deleted)' "$tmp/maps.pane"
ok "maps tui: invalid UTF-8 escaped" grep -qF 'bad\xff\xfe' "$tmp/maps.pane"
# one VMA's fields: the name in the title and the path line
keys / n e w Enter
sleep 0.3
keys Enter
ok "maps tui: one VMA, its path escaped" wait_for 'new\\012line' 5
tmux capture-pane -p -e -t "$S" > "$tmp/vma.panee"
ok "maps tui: one VMA, only SGR escapes" sgr_only "$tmp/vma.panee"
keys Escape
sleep 0.3
keys Escape # the filter
sleep 0.3
keys / e s c Enter
sleep 0.3
keys Enter
ok "maps tui: one VMA with escapes in its path" wait_for 'esc\x1b[2J\x1b]52;c;aGk=\x07' 5
tmux capture-pane -p -e -t "$S" > "$tmp/vma.panee"
ok "maps tui: that VMA, only SGR escapes" sgr_only "$tmp/vma.panee"
ok "maps tui: OSC 52 did not fill a paste buffer" test -z "$(tmux list-buffers)"
# the filter sees the whole of a 4 KiB path, not its first 255 bytes
keys Escape
sleep 0.3
keys Escape
sleep 0.3
keys / d / e n d Enter
sleep 0.3
keys Enter
ok "maps tui: the filter finds the end of a 4 KiB path" \
	wait_for 'deep/\x1b\x1b\x1b\x1b\x1b\x1b\x1b\x1b\x1b\x1bddd' 5
tmux capture-pane -p -e -t "$S" > "$tmp/vma.panee"
ok "maps tui: that VMA, only SGR escapes" sgr_only "$tmp/vma.panee"
keys q
ok "maps tui: q exits 0" wait_for "EXIT=0"
tmux kill-session -t "$S"
kill $mp

finish
