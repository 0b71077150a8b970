# How the explorer starts: on a terminal that cannot hold it (TERM=dumb),
# and at sizes below 80x24, it says so in words that fit.
. tests/lib.sh
. tests/tui/lib.sh
R=$FIX/debian12-6.18
tmp=$(mktemp -d)
trap 'tui_cleanup; rm -rf "$tmp"' EXIT

# ---- a terminal without cursor addressing ------------------------------
raw 80 24 "TERM=dumb $MS --root $R --record $tmp/dumb.zst"
ok "TERM=dumb: exits with status 1" wait_for "EXIT=1"
ok "TERM=dumb: says why" sh -c "tmux capture-pane -p -t $S | tr -d '\n' | grep -q 'TERM=dumb cannot move the cursor'"
ok "TERM=dumb: names -b" sh -c "tmux capture-pane -p -t $S | tr -d '\n' | grep -q 'use -b for batch'"
no "TERM=dumb: no screen drawn (no footer)" sh -c "tmux capture-pane -p -t $S | grep -q 'q quit'"
no "TERM=dumb: no recording created" test -e "$tmp/dumb.zst"
raw 80 24 "TERM=no-such-terminal $MS --root $R"
ok "an unknown TERM: status 1" wait_for "EXIT=1"
ok "an unknown TERM: says so" sh -c "tmux capture-pane -p -t $S | tr -d '\n' | grep -q 'unknown to terminfo'"
raw 80 24 "env -u TERM $MS --root $R"
ok "TERM unset: status 1" wait_for "EXIT=1"
ok "TERM unset: says so" wait_for "TERM is not set"
ok "not a terminal: status 1, names -b" sh -c "$MS --root $R </dev/null 2>&1 >/dev/null | grep -q 'not a terminal.*use -b'; test \$? -eq 0 && ! $MS --root $R </dev/null >/dev/null 2>&1"
ok "TERM=dumb with -b: batch output as ever" sh -c "TERM=dumb $MS -b -n 1 --root $R --tab buddy | grep -q DMA32"

# ---- too small: the size it needs, in words that fit ---------------------
# size W H, then what a line of the screen must match
small() {
	raw "$1" "$2" "$MS --root $R"
	shift 2
	for re in "$@"; do
		wait_re "$re" || return 1
	done
}
ok "40x10: the whole message on three lines" small 40 10 '^ *terminal too small: 40x10$' '^ *memscope needs 80x24$' '^ *q quits$'
ok "20x5: shorter words" small 20 5 '^ *too small: 20x5$' '^ *needs 80x24$' '^ *q quits$'
ok "12x3: what it needs" small 12 3 '^ *needs 80x24$'
ok "8x2: the size alone" small 8 2 '^ *80x24$'
ok "79x24: one line" small 79 24 'terminal too small: 79x24, memscope needs 80x24 \(q quits\)'
keys q
ok "too small: q still quits" wait_for "EXIT=0"

# ---- -p and --cache: the explorer opens there, or refuses ----------------
raw 80 24 "$MS --root $R -p 999999 --record $tmp/r.zst"
ok "-p 999999: status 1" wait_for "EXIT=1"
ok "-p 999999: says so" wait_for "memscope: pid 999999: no such process"
no "-p 999999 --record: no recording made" test -e "$tmp/r.zst"
raw 80 24 "$MS --root $R --cache nosuch"
ok "--cache nosuch: status 1, says so" wait_for "memscope: no slab cache named 'nosuch'"
ok "--cache nosuch: status 1" wait_for "EXIT=1"

session 80 24 "$MS --root $R -p 9081"
ok "-p 9081: the VMA tab, at its mappings" wait_re '^─ pid 9081 evil.*25 VMAs'
ok "-p 9081: its VMAs listed" wait_for "[heap]"
keys Escape
ok "-p 9081, Esc: the process list" wait_for "Processes:"
keys Enter
ok "-p 9081, Esc, Enter: the same process again" wait_re '^─ pid 9081 '
session 80 24 "$MS --root $R --tab buddy -p 9081"
ok "--tab buddy -p 9081: Buddy first" wait_for "DMA32"
keys 3
ok "--tab buddy -p 9081, 3: its mappings" wait_re '^─ pid 9081 '
session 80 24 "$MS --root $R --cache dentry"
ok "--cache dentry: the Slab tab, at its page" wait_re '^─ Cache dentry'
ok "--cache dentry: its attributes" wait_for "Attributes (/sys/kernel/slab)"
keys Escape
ok "--cache dentry, Esc: the cache list" wait_for "ext4_inode_cache"
keys Enter
ok "--cache dentry, Esc, Enter: dentry again" wait_re '^─ Cache dentry'

finish
