# Themes, colours and the mouse in tmux: the SGR codes memscope sends on
# terminals with 8, 16, 256 and no colours and with NO_COLOR, T cycling
# the themes, broken theme and config files named in the header, mouse
# clicks, double clicks and the wheel (raw SGR mouse sequences sent with
# send-keys -l, which tmux passes to the application that asked for them).
. tests/lib.sh
. tests/tui/lib.sh
R=$FIX/debian12-6.18
tmp=$(mktemp -d)
trap 'tui_cleanup; rm -rf "$tmp"' EXIT

# start "ENV..." "ARGS...": memscope at 100x30 with the environment given
start() {
	session 100 30 "env $1 $MS --root $R $2; echo EXIT=\$?; sleep 30"
	sleep 0.3 # the first frame complete
}

# Every SGR parameter on the screen, one per line ("38;5;208" stays one).
params() {
	sgr | grep -o "$(printf '\033')\[[0-9;]*m" | sed 's/^.\[//; s/m$//' |
		sed 's/38;5;\([0-9]*\)/F\1/g; s/48;5;\([0-9]*\)/B\1/g' |
		tr ';' '\n' | sed 's/^F/38;5;/; s/^B/48;5;/' | sort -u
}
has() { params | grep -qx -- "$1"; }
# line_has N CODE: screen line N (1-based) carries SGR parameter CODE
line_has() {
	sgr | sed -n "${1}p" | grep -o "$(printf '\033')\[[0-9;]*m" |
		sed 's/^.\[//; s/m$//' | tr ';' '\n' | grep -qx -- "$2"
}
# colour codes: 30-37 40-47 90-97 100-107 38;5;N 48;5;N
colours() { params | grep -E '^(3[0-7]|4[0-7]|9[0-7]|10[0-7]|[34]8;5;[0-9]+)$'; }
no_colours() { [ -z "$(colours)" ]; }
no_256() { ! params | grep -q '^[34]8;5;'; }
no_bright() { ! params | grep -qE '^(9[0-7]|10[0-7])$'; }

# A theme with a 256-colour (orange, 208) header
printf '[colors]\nheader = 208 default bold\n' > "$tmp/orange.theme"

# ---- 8 colours (TERM=xterm) -------------------------------------------
start "TERM=xterm" "--no-config"
ok "8 colours: the default theme draws in colour" has 36
ok "8 colours: no 256-colour codes" no_256
ok "8 colours: no bright codes" no_bright
start "TERM=xterm" "--no-config --theme projector"
ok "8 colours, projector: white on black" sh -c "tmux capture-pane -e -p -t $S | grep -q '37m'"
ok "8 colours, projector: bright becomes bold" has 1
ok "8 colours, projector: no bright codes" no_bright
ok "8 colours, projector: no 256-colour codes" no_256
start "TERM=xterm" "--no-config --theme $tmp/orange.theme"
ok "8 colours: colour 208 folded to yellow" has 33
ok "8 colours: and not sent as 38;5;208" no_256

# ---- 16 colours ---------------------------------------------------------
start "TERM=xterm-16color" "--no-config --theme projector"
ok "16 colours: bright colours kept" has 97
ok "16 colours: no 256-colour codes" no_256
start "TERM=xterm-16color" "--no-config --theme $tmp/orange.theme"
ok "16 colours: colour 208 folded to yellow" has 33
ok "16 colours: and not sent as 38;5;208" no_256

# ---- 256 colours --------------------------------------------------------
start "TERM=xterm-256color" "--no-config --theme $tmp/orange.theme"
ok "256 colours: colour 208 as it is" has "38;5;208"

# ---- NO_COLOR and terminals without colours -----------------------------
start "TERM=xterm-256color NO_COLOR=1" "--no-config --tab slab"
ok "NO_COLOR: no colour codes at all" no_colours
ok "NO_COLOR: the selection is reversed" line_has 5 7
no "NO_COLOR: the row below is not" line_has 6 7
ok "NO_COLOR: the active tab stands out" has 7
start "TERM=xterm-256color NO_COLOR=" "--no-config"
ok "NO_COLOR empty: colours stay on" has 36
start "TERM=xterm-mono" "--no-config --tab slab"
ok "xterm-mono: runs" wait_for "ext4_inode_cache"
ok "xterm-mono: no colour codes" no_colours
ok "xterm-mono: the selection is reversed" line_has 5 7
start "TERM=vt100" "--no-config --ascii"
ok "vt100: runs" wait_for "DMA32"
ok "vt100: no colour codes" no_colours
start "TERM=xterm" "--no-config --theme mono"
ok "mono theme on a colour terminal: no colours" no_colours
ok "mono theme: underlined column titles" has 4

# ---- T cycles the installed themes --------------------------------------
start "TERM=xterm" "--no-config"
keys T
ok "T: the footer names the next theme" wait_for "theme: light"
ok "T: light draws on white" line_has 6 47
keys T
ok "T again: mono" wait_for "theme: mono"
ok "mono: no colour codes left" no_colours
keys T
ok "T again: projector" wait_for "theme: projector"
keys T
ok "T again: back to default" wait_for "theme: default"
ok "T: the name goes after a few seconds" wait_gone "theme: default" 6
keys '?'
ok "help lists T" wait_for "next theme"
keys Escape

# ---- Broken theme and config files --------------------------------------
printf '[colors]\nheader = red blue\ntitle = purple blue\n' > "$tmp/bad.theme"
start "TERM=xterm" "--no-config --theme $tmp/bad.theme"
# (the header's sources list memory too, so at 100 columns the rest is cut)
ok "broken theme: the header names file and line" wait_for "bad.theme:3: title: unknown"
ok "broken theme: the default theme instead (cyan header, not red)" sh -c "tmux capture-pane -e -p -t $S | head -n 1 | grep -q '36m' && ! tmux capture-pane -e -p -t $S | head -n 1 | grep -q '31m'"
ok "broken theme in batch: stderr names the line" sh -c "$MS --no-config --root $R -b -n 1 --theme $tmp/bad.theme 2>&1 >/dev/null | grep -q 'bad.theme:3: title: unknown colour'"
printf 'theme = mono\ncolour = red\n' > "$tmp/bad.conf"
start "TERM=xterm MEMSCOPE_CONFIG=$tmp/bad.conf" ""
ok "broken config: the header names file and line" wait_for "bad.conf:2: unknown key"
ok "broken config: built-in defaults (colours, not mono)" has 36
ok "broken config in batch: stderr" sh -c "MEMSCOPE_CONFIG=$tmp/bad.conf $MS --root $R -b -n 1 2>&1 >/dev/null | grep -q 'bad.conf:2: unknown key'"
printf '[memscope]\ntheme = mono\ntab = slab\nmouse = no\n' > "$tmp/good.conf"
start "TERM=xterm MEMSCOPE_CONFIG=$tmp/good.conf" ""
ok "config: starts on its tab" wait_for "ext4_inode_cache"
ok "config: its theme (mono: no colours)" no_colours
ok "config: mouse = no leaves the mouse to the terminal" test "$(tmux display -p -t $S '#{mouse_any_flag}#{mouse_standard_flag}')" = 00
start "TERM=xterm MEMSCOPE_CONFIG=$tmp/good.conf" "--theme default --tab buddy"
ok "command line over config: --tab" wait_for "DMA32"
ok "command line over config: --theme" has 36
start "TERM=xterm MEMSCOPE_CONFIG=$tmp/good.conf" "--no-config"
ok "--no-config: the file is not read" wait_for "DMA32"

# ---- Mouse --------------------------------------------------------------
# SGR (1006) encoding, 1-based column;row: M press, m release
click() { keys -l "$(printf '\033[<0;%d;%dM\033[<0;%d;%dm' $1 $2 $1 $2)"; }
wheel_down() { keys -l "$(printf '\033[<65;%d;%dM' $1 $2)"; }
# the cache on screen line N (1-based) of the Slab table
name_at() { screen | sed -n "${1}p" | awk '{print $1}'; }

start "TERM=xterm" "--no-config"
ok "mouse: memscope asks for it" test "$(tmux display -p -t $S '#{mouse_standard_flag}')" = 1
click 13 3
ok "mouse: a click on a tab switches to it" wait_for "ext4_inode_cache"
third=$(name_at 7)
click 5 7
sleep 0.4 # curses waits its mouseinterval for a second click
keys Enter
ok "mouse: a click selects a row ($third)" wait_for "Cache $third "
keys Escape
wait_for "ext4_inode_cache"
fourth=$(name_at 8)
click 5 8; click 5 8
ok "mouse: a double click opens it ($fourth)" wait_for "Cache $fourth "
keys Escape
wait_for "ext4_inode_cache"
click 5 5
fourth=$(name_at 8)
sleep 0.3
wheel_down 5 8
keys Enter
ok "mouse: a wheel notch moves three rows ($fourth)" wait_for "Cache $fourth "
keys Escape
keys '?'
wait_for "switch to tab N"
wheel_down 5 10
ok "mouse: the wheel scrolls the help" wait_gone "switch to tab N"
click 25 3
ok "mouse: a click on a tab closes the help and switches" wait_for "process_api"
start "TERM=xterm" "--no-config --no-mouse"
ok "--no-mouse: the mouse stays with the terminal" test "$(tmux display -p -t $S '#{mouse_any_flag}#{mouse_standard_flag}')" = 00
keys q
ok "quits" wait_for "EXIT=0"
# an unknown theme's name, escaped once in the header (a '\' is '\\')
session 160 30 "$MS --root $FIX/debian12-6.18 --no-config --theme 'x\\y'; sleep 30"
ok "unknown theme: its name escaped once in the header" \
	wait_for 'theme x\\y not found'
finish
