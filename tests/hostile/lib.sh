# Helpers of the hostile suites (tests/hostile/test_*.sh): source it after
# tests/lib.sh. Live helper processes, the explorer in a pane of the
# private tmux server of tests/tui/lib.sh, and cleanup.
H=${H:-build/hostile/hostile}
[ -x "$H" ] || { echo "FAIL - helper missing: make $H"; exit 1; }
if [ "$(id -u)" != 0 ]; then
	echo "# skipped: the hostile suites read other processes (root)"
	finish
	exit
fi
. tests/tui/lib.sh
tmp=$(mktemp -d)
pids=""
cleanup() {
	for p in $pids; do kill "$p" 2>/dev/null; done
	tui_cleanup
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP
# spawn NAME ARGS...: run the helper, wait for "ready PID", set $pid
spawn() {
	name=$1; shift
	: > "$tmp/$name.out"
	"$H" "$@" > "$tmp/$name.out" 2>&1 &
	pids="$pids $!"
	i=0
	while ! grep -q '^ready ' "$tmp/$name.out" && [ $i -lt 300 ]; do
		sleep 0.1; i=$((i + 1))
	done
	pid=$(sed -n 's/^ready //p' "$tmp/$name.out")
}

# raw FILE: FILE holds a control byte other than newline
raw() { grep -q "$(printf '[\001-\011\013-\037\177]')" "$1"; }

# sgr_only FILE: every ESC in FILE (capture-pane -e) starts a colour (SGR)
sgr_only() {
	! sed 's/\x1b\[[0-9;:]*m//g' "$1" | grep -q "$(printf '\033')"
}

S=""
# tui NAME W H ARGS...: a shell in a pane running memscope ARGS; the shell
# says EXIT=status when memscope ends
tui() {
	S=$1; w=$2; h=$3; shift 3
	tmux new-session -d -s "$S" -x "$w" -y "$h" "sh"
	keys "$* ; echo EXIT=\$?" Enter
}
# drill TEXT: Enter until the screen shows TEXT (a churning row may be
# filtered out for a moment, an exec's comm is "exe" until it renames)
drill() {
	j=0
	while [ $j -lt 10 ]; do
		keys Enter
		wait_for "$1" 1 && return 0
		j=$((j + 1))
	done
	return 1
}
# restored: the pane is back in the shell's normal mode
MODES='#{alternate_on}#{cursor_flag}#{keypad_flag}#{keypad_cursor_flag}#{mouse_any_flag}#{mouse_all_flag}#{mouse_button_flag}#{mouse_standard_flag}#{mouse_sgr_flag}'
restored() { test "$(fmt "$MODES")" = 010000000; }
mspid() { pgrep -P "$(pane_pid)" -x memscope; }

