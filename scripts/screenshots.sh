#!/bin/sh
# make screenshots: a PNG of every tab and its main drill-down, from a real
# run of memscope on a captured tree in tmux (capture-pane -e keeps the
# colours), drawn by scripts/ansi2png.py.
# Usage: scripts/screenshots.sh OUTDIR [NAME...]  (no NAME: every shot)
# Needs tmux, python3-pil, fonts-dejavu-core (sh scripts/deps.sh shots).
set -e
MS=${MS:-build/memscope}
ROOT=${ROOT:-tests/fixtures/debian-6.1-2node}
COLS=${COLS:-120}
ROWS=${ROWS:-36}
PY=/usr/bin/python3
[ $# -ge 1 ] || { echo "usage: $0 OUTDIR [NAME...]" >&2; exit 2; }
out=$1; shift
mkdir -p "$out"

# name|keys, comma between presses (tmux send-keys names)|text the finished
# screen shows[|COLSxROWS when not COLS x ROWS]
# (36 rows: the header's memory bar leaves the tabs 31, a row short of a
# graph panel that shows itself; H shows it. At 80x24 the bar is inside
# the header's first line.)
shots='buddy|Down Down,H|node 0 Normal fragmentation
buddy-zone|Down Down,Enter|Unmovable
buddy-explain|Down Down,x,Right Right Right Right Right Right|Explain: Unus9%
slab|2|ObjSz
slab-cache|2,Enter|Attributes (/sys/kernel/slab)
vma|3|Processes:
vma-process|3,Enter|VMAs, Rss
reclaim|4|Reclaim (/proc/vmstat)
reclaim-vmstat|4,Enter|Every /proc/vmstat counter
numa|5|nodes online
memory|6,H|History,
help|?|Everywhere
buddy-80x24|1|Node Zone|80x24'

TMUX_TMPDIR=$(mktemp -d)
export TMUX_TMPDIR
tmp=$TMUX_TMPDIR
trap 'tmux kill-server 2>/dev/null || true; rm -rf "$tmp"' EXIT
printf 'set -g default-terminal tmux-256color\nset -g status off\n' > "$tmp/tmux.conf"

# wait_for TEXT: until the pane shows TEXT, at most 10 s
wait_for() {
	i=0
	while [ $i -lt 100 ]; do
		tmux capture-pane -p -t shot 2>/dev/null | grep -qF -- "$1" && return 0
		sleep 0.1; i=$((i + 1))
	done
	echo "screenshots: '$1' did not appear" >&2
	tmux capture-pane -p -t shot >&2 || true
	return 1
}

shoot() { # NAME KEYS TEXT COLS ROWS
	tmux -f "$tmp/tmux.conf" new-session -d -s shot -x "$4" -y "$5" \
		"env -u MEMSCOPE_THEMES -u NO_COLOR LANG=C.UTF-8 $MS --no-config --root $ROOT; sleep 60"
	wait_for MemTotal
	old_ifs=$IFS; IFS=,
	for k in $2; do
		IFS=$old_ifs
		# shellcheck disable=SC2086 # several key names in one press group
		tmux send-keys -t shot $k
		sleep 0.5
	done
	IFS=$old_ifs
	wait_for "$3"
	sleep 1.5	# a second sample: rates
	tmux capture-pane -N -e -p -t shot > "$tmp/$1.ans"
	tmux kill-session -t shot
	"$PY" scripts/ansi2png.py "$tmp/$1.ans" "$out/$1.png" "$4" "$5"
}

echo "$shots" | while IFS='|' read -r name keys text size; do
	if [ $# -gt 0 ]; then
		case " $* " in *" $name "*) ;; *) continue ;; esac
	fi
	[ -n "$size" ] || size=${COLS}x$ROWS
	shoot "$name" "$keys" "$text" "${size%x*}" "${size#*x}"
done
