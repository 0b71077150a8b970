# Helpers for the tmux suites (source after tests/lib.sh): a private tmux
# server that lives until the script ends, screen reading and waiting.
# $S is the session under test; tests set it in their own start().
command -v tmux >/dev/null || { echo "tmux missing"; exit 1; }
export TMUX_TMPDIR=$(mktemp -d)
# a session that outlives the tested ones keeps one server up throughout
tmux new-session -d -s keep-$$ "sleep 600"
n=0

# The server and its directory; call it from the test's EXIT trap.
tui_cleanup() {
	tmux kill-server 2>/dev/null
	rm -rf "$TMUX_TMPDIR"
}
trap tui_cleanup EXIT

screen() { tmux capture-pane -p -t "$S"; }
sgr() { tmux capture-pane -e -p -t "$S"; } # the screen with its SGR codes
keys() { tmux send-keys -t "$S" "$@"; }
fmt() { tmux display-message -p -t "$S" "$1"; } # FORMAT of the pane
pane_pid() { fmt '#{pane_pid}'; } # the pane's process (exec: memscope)

# session W H CMD: CMD (memscope and what follows it, in a shell) in a new
# W x H session, $S; the one before is ended. Waits until it has drawn.
session() {
	[ -n "${S:-}" ] && tmux kill-session -t "$S" 2>/dev/null
	n=$((n + 1)); S=${TUI_NAME:-ms}-$$-$n
	tmux new-session -d -s "$S" -x "$1" -y "$2" "$3"
	wait_for "MemTotal"
}

# raw W H CMD: CMD in a new W x H session, $S, that says EXIT=status when
# CMD ends; not waiting for a screen (memscope may refuse to draw one)
raw() {
	[ -n "${S:-}" ] && tmux kill-session -t "$S" 2>/dev/null
	n=$((n + 1)); S=${TUI_NAME:-ms}-$$-$n
	tmux new-session -d -s "$S" -x "$1" -y "$2" "$3; echo EXIT=\$?; sleep 30"
}

# scroll_until GREP-ARGS...: Down through a page (the help) until grep
# ARGS matches the screen: a key every $STEP seconds (0.1), at most $STEPS
# keys (120)
scroll_until() {
	i=0
	while [ $i -lt "${STEPS:-120}" ]; do
		screen | grep -q "$@" && return 0
		keys Down
		sleep "${STEP:-0.1}"
		i=$((i + 1))
	done
	return 1
}

# scroll_to TEXT: until TEXT (a fixed string) shows
scroll_to() { scroll_until -F -- "$1"; }

# scroll_re ERE: until a line matches ERE
scroll_re() { scroll_until -E -- "$1"; }

# wait_until GREP-ARGS... : until grep ARGS matches the screen (5 s, or
# $WAIT seconds)
wait_until() {
	i=0
	while [ $i -lt $((${WAIT:-5} * 10)) ]; do
		screen | grep -q "$@" && return 0
		sleep 0.1; i=$((i + 1))
	done
	return 1
}

# wait_for TEXT [SECONDS]: until the screen shows TEXT (fixed string)
wait_for() { WAIT=${2:-5} wait_until -F -- "$1"; }

# wait_re REGEX [SECONDS]: until a line of the screen matches REGEX
wait_re() { WAIT=${2:-5} wait_until -E -- "$1"; }

# wait_gone TEXT [SECONDS]: until the screen no longer shows TEXT
wait_gone() {
	i=0
	while [ $i -lt $((${2:-5} * 10)) ]; do
		screen | grep -qF -- "$1" || return 0
		sleep 0.1; i=$((i + 1))
	done
	return 1
}
