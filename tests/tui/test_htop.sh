# What users of htop and slabtop expect, driven through tmux at 80x24 on
# captured trees: the function keys, direct sort keys, the header's
# memory with one decimal, the NUMA node page.
. tests/lib.sh
. tests/tui/lib.sh
R=$FIX/debian12-6.18
N2=$FIX/debian-6.1-2node

# start [ARGS...]: memscope at 80x24 on the tree $R, then a shell prompt
start() {
	session 80 24 "$MS --root $R $*; echo EXIT=\$?; sleep 30"
}

start
# MemFree 24259676 kB, MemAvailable 24327712 kB (at 80 columns named
# Free and Avail: the memory bar beside them takes the room)
ok "header: MemFree with one decimal" wait_for "Free 23.1G"
ok "header: MemAvailable with one decimal" wait_for "Avail 23.2G"

# F1 is help (no longer the first tab), F1 again closes it
keys 2
wait_for "ext4_inode_cache"
keys F1
ok "F1 opens the help" wait_for "F1, ?, h"
ok "the help lists F3 search" wait_for "search, filter, sort menu"
keys F1
ok "F1 closes the help" wait_gone "F1, ?, h"
ok "F1 left the Slab tab" wait_for "ext4_inode_cache"

# slabtop's direct sort keys: s (bound: S) object size, c cache size
row1() { screen | sed -n 5p | awk '{print $1}'; }
keys S Home
ok "slab: S sorts by object size" wait_re "ObjSz(▼|v)"
ok "slab: the largest objects first" test "$(row1)" != ext4_inode_cache
keys c Home
ok "slab: c sorts by cache size" wait_re "Size(▼|v)"
ok "slab: the largest cache first" test "$(row1)" = ext4_inode_cache

# F3 searches: the selection jumps, every row stays
keys F3 d e n t r
ok "slab: F3 opens the search line" wait_for "Search: dentr_"
ok "slab: the search hides nothing" wait_for "ext4_inode_cache"
ok "slab: the selection is on the match" sh -c \
	"tmux capture-pane -e -p -t $S | grep 'dentry' | grep -q '\[7m\|\[4[0-9]m'"
keys Enter Enter
ok "slab: Enter opens the found cache" wait_for "Attributes (/sys/kernel/slab)"
keys Escape

# F6: the sort menu; Enter sorts by the chosen column
keys F6
ok "slab: F6 opens the sort menu" wait_for "Sort by"
ok "slab: the menu shows slabtop's keys" wait_re "^ c Size \*"
keys Home Enter
ok "slab: the menu sorts by Name" wait_re "Name(▲|\^)"
ok "slab: the menu closes" wait_gone "Sort by"

# F4 filters in the VMA process list, as / does
keys 3
wait_for "process_api"
keys F4 p r o c e s s _ a p i Enter
ok "vma: F4 filters the processes" wait_re "Filter: process_api +\(1 of"
keys Escape
# F3 in a process's mappings
keys Home Enter
wait_for "[heap]"
keys F3 h e a p
ok "vma mappings: F3 searches the paths" wait_for "Search: heap_"
keys Enter Escape
# F4 in the Buddy zones
keys 1
wait_for "DMA32"
keys F4 N o r m Enter
ok "buddy: F4 filters the zones" wait_re "Filter: Norm +\(1 of"
keys Escape

# every vmstat counter: F3 from the overview opens the table searching
keys 4
wait_for "pgfault"
keys F3 p g s t e a l
ok "reclaim: F3 searches the vmstat counters" wait_for "Search: pgsteal_"
keys Enter F6
ok "reclaim: F6 sorts the vmstat counters" wait_for "Sort by"
keys Escape Escape Escape

# F5 outside the process list says where the tree is
keys F5
ok "F5 elsewhere says where the tree is" wait_for "the tree is in the VMA"

# F5 in the process list: every process under its parent (htop's tree)
keys 3
wait_for "process_api"
row() { screen | sed -n "$1p" | awk '{print $1}'; }
ok "vma: by RSS, sh (9080) is first" test "$(row 6)" = 9080
keys F5
ok "vma: F5 puts children under their parent" wait_re "^ +9080 .* (└|\`-) sh"
ok "vma tree: the parent first" test "$(row 6)" = 1
ok "vma tree: then its biggest child" test "$(row 7)" = 9080
ok "vma tree: an orphan is a root of its own" wait_re "^ +14118 .* sh$"
keys r
wait_re "RSS(▲|\\^)"
ok "vma tree reversed: smaller roots first" test "$(row 6)" = 14118
ok "vma tree reversed: the parent still above its children" \
	sh -c "test \$(tmux capture-pane -p -t $S | grep -n '^ *1 root' | cut -d: -f1) -lt \$(tmux capture-pane -p -t $S | grep -n '^ *9080 ' | cut -d: -f1)"
keys r F5
ok "vma: F5 again, the flat list" wait_re "^ +9080 .* sh$"

# Enter on a NUMA node opens its page: zones, distances, numastat, meminfo
session 80 24 "$MS --root $N2 --tab numa; sleep 30"
ok "numa: the first node is selected" sh -c \
	"tmux capture-pane -e -p -t $S | grep -E '^.*N0 ' | grep -q '\[7m\|\[4[0-9]m'"
keys Down Enter
ok "numa: Enter opens the node" wait_for "Node 1  (Esc back)"
ok "numa node: its zones" wait_re "^  Normal +958M"
ok "numa node: its distances" wait_for "to N0 20  to N1 10"
ok "numa node: its numastat" wait_re "^  numa_hit +8994"
keys x
ok "numa node: explain starts at the node" wait_for "numa.node  1/11"
keys Right
ok "numa node: explain walks its fields" wait_for "numa.node.cpus  2/11"
keys x
keys PageDown
ok "numa node: its meminfo" wait_re "^  MemUsed +51.0M"
keys Escape
ok "numa: Esc goes back to the nodes" wait_for "2 nodes online"
session 80 24 "$MS --root $R; echo EXIT=\$?; sleep 30"

# F10 quits, as in htop
keys F10
ok "F10 quits" wait_for "EXIT=0"

finish
