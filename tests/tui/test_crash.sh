# The explorer dying of a fatal signal (SIGSEGV, SIGABRT) leaves the
# terminal as it found it: the normal screen, the cursor shown, no mouse
# reports, keypad mode off, the tty's modes (stty -g) as before; the exit
# status is the signal's (tui/crash.c, probes/undo_guard.c).
. tests/lib.sh
. tests/tui/lib.sh
R=$FIX/debian12-6.18
tmp=$(mktemp -d)
trap 'tui_cleanup; rm -rf "$tmp"' EXIT

# crash SIG: the explorer in a shell that saves the tty's modes before
# and after it, killed with SIG once it has drawn
crash() {
	rm -f "$tmp/before" "$tmp/after" "$tmp/st"
	raw 100 30 "stty -g >'$tmp/before'; '$MS' --root '$R'; st=\$?; stty -g >'$tmp/after'; echo \$st >'$tmp/st'"
	wait_for MemTotal 10
	ok "$1: the explorer on the alternate screen, mouse on" \
		test "$(fmt '#{alternate_on}#{mouse_any_flag}#{mouse_standard_flag}')" != 000
	pid=$(pgrep -P "$(pane_pid)" -x memscope)
	kill -"$1" "$pid"
	i=0
	while [ ! -s "$tmp/st" ] && [ $i -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	st=$(cat "$tmp/st" 2>/dev/null)
	ok "$1: memscope died of it (status $st)" test "$st" = "$2"
	ok "$1: back on the normal screen" test "$(fmt '#{alternate_on}')" = 0
	ok "$1: the cursor shown" test "$(fmt '#{cursor_flag}')" = 1
	ok "$1: no mouse reports" \
		test "$(fmt '#{mouse_any_flag}#{mouse_standard_flag}#{mouse_button_flag}#{mouse_sgr_flag}')" = 0000
	ok "$1: keypad (application cursor keys) off" \
		test "$(fmt '#{keypad_cursor_flag}')" = 0
	ok "$1: the tty's modes as before (stty -g)" \
		cmp -s "$tmp/before" "$tmp/after"
}
crash SEGV 139
crash ABRT 134
finish
