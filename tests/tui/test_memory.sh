# The Memory tab through tmux: the ledger as a tree on a two-node tree and
# live, folding, sorting, the node selector, the history at 200x60, and a
# replayed recording.
. tests/lib.sh
. tests/tui/lib.sh
R=$FIX/debian-6.1-2node
tmp=$(mktemp -d)
trap 'tui_cleanup; rm -rf "$tmp"' EXIT

# row N: the screen's line N (1-based)
row() { screen | sed -n "$1p"; }
# first_bucket: the first row of the tree (under its column titles)
first_bucket() { screen | sed -n '/^Bucket /{n;p;q}' | awk '{print $2}'; }

session 80 24 "$MS --root $R --tab memory; sleep 30"
ok "80x24: the tab bar names 6 Memory" wait_re " 6 Memory "
ok "80x24: the machine's ledger" wait_for "Ledger, machine  ([ ] a node)"
ok "80x24: column titles" wait_re "^Bucket +Size +%RAM +Growth/s Source"
ok "80x24: a bucket with children, open" wait_re "^- free +4.3G +94.7%"
ok "80x24: its children under it" wait_re "^  - free_buddy +4.2G"
ok "80x24: a grandchild under those" wait_re "^      free_below_low "
ok "80x24: a static tree has no growth" wait_re "^- reserved +184M +4.0% +- "
ok "80x24: the footer's keys" wait_for "+/-/* fold  ]/[ node"
session 80 24 "$MS --root $FIX/debian12-6.18 --tab memory; sleep 30"
ok "title: MemTotal as precise as the header's" \
	wait_for "physical 24.0G, MemTotal 23.5G"
session 200 60 "$MS --root $R --tab memory; sleep 30"
ok "footer: = and _ for the interval, + and - fold here" wait_for "=/_ interval"
keys '='
ok "=: the interval longer on the Memory tab" wait_for "every 2.0s"
session 80 24 "$MS --root $R --tab memory; sleep 30"
wait_for "Ledger, machine"
ok "80x24: the first row is the first bucket of the ledger" \
	test "$(first_bucket)" = reserved
keys '*'
ok "*: every bucket folded" wait_re "^\+ free +4.3G"
no "*: no child shown" sh -c "tmux capture-pane -p -t $S | grep -q free_buddy"
keys '*'
ok "* again: every bucket open" wait_for "free_buddy"
keys Home '-'
ok "-: the selected bucket folded" wait_re "^\+ reserved "
no "-: its child hidden" sh -c "tmux capture-pane -p -t $S | grep -q reserved_other"
keys '+'
ok "+: unfolded" wait_for "reserved_other"
keys Down '-'
ok "- on a leaf: its parent folds" wait_re "^\+ reserved "
keys Enter
ok "Enter on a folded bucket: it opens" wait_for "reserved_other"
keys Enter
ok "Enter on an open bucket: it folds" wait_gone "reserved_other"
keys Enter
keys M
ok "M: sorted by size, the largest top-level bucket first" \
	sh -c "sleep 0.3; tmux capture-pane -p -t $S | sed -n '/^Bucket /{n;p;q}' | grep -q '^- free '"
ok "M: children stay under their parent, largest first" \
	sh -c "tmux capture-pane -p -t $S | sed -n '/^Bucket /{n;n;p;q}' | grep -q '^  - free_buddy '"
keys r
ok "r: smallest first, the tree kept (a parent above its children)" \
	sh -c "sleep 0.3; tmux capture-pane -p -t $S | grep -A1 '^- free ' | tail -n 1 | grep -q '^    free_pcp '"
keys ']'
ok "]: node 0's ledger" wait_for "Ledger, node 0 of 2"
keys ']'
ok "]: node 1's ledger" wait_for "Ledger, node 1 of 2"
keys ']'
ok "]: back to the machine's" wait_for "Ledger, machine"
keys '['
ok "[: the last node from the machine" wait_for "Ledger, node 1 of 2"
keys x
ok "x: the explain panel names the sort column" wait_for "Growth/s"
keys Escape

session 200 60 "$MS --root $R --tab memory; sleep 30"
ok "200x60: the history panel by itself" wait_for "top-level buckets stacked, machine"
ok "200x60: the legend with the shares" wait_re "free 94\.7% +file 0\.0%"
ok "200x60: the source column whole" wait_for "zoneinfo pagesets count (per-cpu lists)"
keys Down x
ok "x on a bucket: its own text" wait_for "memory.b.reserved_other"
keys Escape
keys H
ok "200x60: H hides the history" wait_gone "top-level buckets stacked"

# Enter on a bucket goes where it is explained (6.12: pools, slab caches)
session 80 24 "$MS --root $FIX/debian-6.12-2node --tab memory; sleep 30"
keys / slab_unrec Enter
wait_re "^ +slab_unreclaimable "
keys Enter
ok "Enter on slab: the Slab tab, by size" wait_re "^Name .*Size▼"
ok "Enter on slab: the largest cache first" \
	sh -c "tmux capture-pane -p -t $S | sed -n 5p | grep -q '^kernfs_node_cache '"
keys 6
wait_for "Ledger, machine"
keys Escape / anon_small Enter
wait_re "^ +anon_small "
keys Enter
ok "Enter on anon: the processes, by RSS" wait_re "^ +PID User +RSS▼"
keys 6
wait_for "Ledger, machine"
keys Escape / hugetlb_2048 Enter
wait_re "^ +- hugetlb_2048kB "
keys Enter
ok "Enter on hugetlb: its pools" wait_for "HugeTLB pools per size and node"
ok "hugetlb: node 0's pool of 2 MiB pages, 4 pages used" \
	wait_re "^  hugetlb_2048kB +node 0 +32M +8.0M +- +24M"
ok "hugetlb: node 1 has none" wait_re "^  hugetlb_2048kB +node 1 +0K"
keys Escape
ok "Esc: back to the ledger" wait_for "Ledger, machine"
keys Escape / file_act Enter
wait_re "^ +file_active "
keys Enter
ok "Enter on file: the files holding the page cache" \
	wait_for "Page cache: the files holding it"
ok "files: a captured tree says why it has none" \
	wait_for "the live system only: a captured tree has no page cache"
keys Escape
wait_for "Ledger, machine"
keys Escape End Enter
ok "Enter on unexplained: the census" \
	wait_for "Unexplained: call sites, the census of every page"
ok "attribution: a captured tree says why it has none" \
	wait_re "^  attribution unavailable"
ok "census: a captured tree without kpageflags says so" \
	wait_for "no proc/kpageflags in the captured tree"

# The tree in the ledger's own order: each bucket's children right under
# it (the slab caches came after both slab kinds, a reclaimable cache
# under slab_unreclaimable), then its "of which" figures
session 100 60 "$MS --root $FIX/debian-6.12-2node --tab memory; sleep 30"
wait_for "Ledger, machine"
ok "tree order: a reclaimable cache under slab_reclaimable" sh -c \
	"tmux capture-pane -p -t $S | grep -A1 '^  - slab_reclaimable ' | tail -n 1 | grep -q '^      radix_tree_node '"
ok "of which: dirty, writeback, mapped after file's children" sh -c \
	"tmux capture-pane -p -t $S | grep -A3 '^    file_other ' | tail -n 3 | tr -s ' ' | cut -d' ' -f2-4 | tr '\n' , | grep -qx 'of which dirty,of which writeback,of which mapped,'"
ok "of which mapped: cut to file, the source says so" \
	wait_re "^    of which mapped +4K +0.0% +- Mapped \\(mapped shmem too\\); cut by 1724 kB"
session 100 60 "$MS --root $FIX/debian12-6.18 --tab memory; sleep 30"
wait_for "Ledger, machine"
keys M
ok "M: of which stays after file's children, the largest first" sh -c \
	"sleep 0.3; tmux capture-pane -p -t $S | grep -A6 '^- file ' | tail -n 3 | tr -s ' ' | cut -d' ' -f2-4 | tr '\n' , | grep -qx 'of which mapped,of which dirty,of which writeback,'"

# The header's bar on every tab (mono: each kind its letter)
session 80 40 "$MS --root $R --theme mono; sleep 30"
for k in 1 2 3 4 5 6; do
	keys $k
	sleep 0.5
	ok "header bar on tab $k: RAM and the segments" sh -c \
		"tmux capture-pane -p -t $S | sed -n 3p | grep -Eq '^RAM 4.5G :+free 95%\.+'"
done
session 120 40 "$MS --root $R --ascii; sleep 30"
ok "header bar with --ascii: coloured blanks, labels" wait_re "^RAM 4.5G (resv)? *free 95%"
no "header bar with --ascii: no UTF-8" sh -c \
	"tmux capture-pane -p -t $S | sed -n 3p | grep -q '[^ -~]'"

# live: this machine's ledger and its growth after a second sample
session 80 24 "$MS --tab memory -d 0.5; sleep 30"
ok "live: the machine's ledger" wait_for "Ledger, machine"
ok "live: growth per second from the second sample" wait_re "^- free +[0-9.]+[KMGT] +[0-9.]+% +[-+]?[0-9.]+[KMG]?/s"
keys End
ok "live: unexplained is the last row" wait_re "^  unexplained "

keys / file_act Enter
wait_re "^ +file_active "
keys Enter
ok "live: the files holding the page cache" wait_re "files open or mapped, [0-9]+ measured" 15
keys Escape
wait_for "Ledger, machine"
keys Escape End Enter
ok "live: the census of every page" wait_re "pages counted" 20
ok "live: the call sites holding memory (allocinfo or bpf)" \
	wait_re "^  (/proc/allocinfo|bpf, )" 10
keys Escape

# a recording of the tree, replayed: the tab shows it
$MS -b -n 2 -d 0.1 --root $R --tab memory --record "$tmp/r.zst" >/dev/null 2>&1
session 80 24 "$MS --replay $tmp/r.zst --tab memory; sleep 30"
ok "replay: the ledger from the recording" wait_re "^- free +4.3G +94.7%"
finish
