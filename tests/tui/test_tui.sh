# The explorer driven through tmux on a captured tree: every tab renders,
# drill-down and back, sort, filter, help, resize, quit and signals
# restore the terminal.
. tests/lib.sh
. tests/tui/lib.sh
R=$FIX/debian12-6.18
out=$(mktemp)
trap 'tui_cleanup; rm -f "$out"' EXIT

# start W H: memscope in a shell that reports its exit and the tty mode
start() {
	session "$1" "$2" \
		"$MS --root $R; echo EXIT=\$?; stty -a | tr ' ' '\n' | grep -x -e icanon -e echo -e -icanon -e -echo | tr '\n' ' '; echo; sleep 30"
}

# row_of NAME: the line number of NAME's row on the screen
row_of() { screen | grep -n -- "$1" | head -n 1 | cut -d: -f1; }

start 100 30
ok "header: memory and PSI" wait_for "MemAvailable"
ok "header: the tabs" sh -c "tmux capture-pane -p -t $S | grep -q 'Buddy.*Slab.*VMA.*Reclaim.*NUMA'"
ok "header: backends in use" wait_for "procfs:"
ok "header: why something is missing" wait_for "buddy_events: captured tree"
# the header's bar reads only the ledger's top level: the notes of its
# other files (iomem, vmallocinfo: not in this tree) only on the Memory
# tab; its pressure only PSI and vmstat: the reclaim area's notes (MGLRU)
# only on the Reclaim tab
ok "header: a note on MemFree, counted" wait_for "2 notes (n): buddy_events"
no "header: no note on MGLRU off the Reclaim tab" wait_for "lru_gen" 1
no "header: no note on vmallocinfo off the Memory tab" wait_for "vmallocinfo" 1
keys 6
wait_for "Ledger, machine"
keys n End
ok "Memory tab: the ledger's missing files noted" wait_for "iomem: not in this tree"
keys Escape
wait_gone "Notes:"
keys 4
ok "Reclaim tab: why MGLRU is missing" wait_for "lru_gen: kernel without MGLRU"
keys 1
wait_for "2 notes (n)"
keys n End
ok "notes: MemFree counts what the buddy allocator does not hold yet" \
	wait_for "MemFree: 18.2G not yet in the buddy allocator (deferred page init"
keys Escape
wait_gone "Notes:"
ok "buddy: zones of the tree" wait_for "DMA32"
ok "buddy: the Normal zone row" wait_for "Normal"
keys Down Down Enter
ok "buddy: drill-down into a zone" wait_for "Free memory per order"
ok "buddy: migrate types in the drill-down" wait_for "Movable"
keys Escape
ok "buddy: back from the drill-down" wait_gone "Free memory per order"

keys 2
ok "slab: caches" wait_for "ext4_inode_cache"
first=$(screen | sed -n 5p | awk '{print $1}')
ok "slab: sorted by size, largest first" test "$first" = ext4_inode_cache
keys r Home
ok "slab: r reverses the sort" wait_gone "ext4_inode_cache"
keys r Home
wait_for "ext4_inode_cache"
keys '/' d e n t r y Enter
ok "slab: / filters the names" wait_gone "ext4_inode_cache"
ok "slab: the filter keeps matches" wait_for "dentry"
keys Enter
ok "slab: drill-down into a cache" wait_for "Attributes (/sys/kernel/slab)"
ok "slab: per-node counts" wait_for "total_objects"
keys Escape
ok "slab: back to the list" wait_gone "Attributes (/sys/kernel/slab)"
keys Escape
ok "slab: Esc clears the filter" wait_for "ext4_inode_cache"
keys '>'
ok "slab: > moves the sort column" sh -c "tmux capture-pane -p -t $S | sed -n 4p | grep -q 'Objs/s▼\|Objs/s v\|Objs/s'"

keys 3
ok "vma: process list" wait_for "process_api"
keys Home Enter
ok "vma: drill-down into the largest process" wait_for "[heap]"
ok "vma: the address-space summary" wait_for "stack"
keys Escape
ok "vma: back to the process list" wait_for "process_api"
keys '/' p r o c e s s _ a p i Enter
wait_for "process_api"
keys Enter
ok "vma: a process without maps says why" wait_for "no maps or smaps file"
keys Escape Escape

keys 4
ok "reclaim: vmstat counters" wait_for "pgfault"
ok "reclaim: THP settings" wait_for "madvise"

keys 5
ok "numa: nodes and distances" wait_for "Distance"
ok "numa: numastat" wait_for "numa_hit"

keys '?'
ok "help lists the keys" wait_for "refresh interval longer"
keys Escape
ok "help closes" wait_gone "refresh interval longer"

keys Tab
ok "Tab goes on to Memory" wait_for "Ledger, machine"
keys Tab
ok "Tab goes on to Cgroups" wait_for "cgroup unavailable"
keys Tab
ok "Tab cycles back to Buddy" wait_for "DMA32"
keys BTab
ok "Shift-Tab goes to the last tab" wait_for "cgroup unavailable"
keys 5 # + and - fold the Memory and Cgroups tabs' trees

keys p
ok "p pauses" wait_for "PAUSED"
keys p
ok "p resumes" wait_gone "PAUSED"
keys +
ok "+ lengthens the interval" wait_for "every 2.0s"
keys - -
ok "- shortens it" wait_for "every 0.5s"

tmux resize-window -t $S -x 80 -y 24
keys 1
ok "80x24: still drawn" wait_for "DMA32"
ok "80x24: the footer fits" wait_for "q quit"
tmux resize-window -t $S -x 20 -y 5
ok "20x5: says it is too small" wait_for "small"
tmux resize-window -t $S -x 200 -y 60
ok "200x60: drawn again" wait_for "DMA32"
for i in 1 2 3 4 5 6 7 8; do
	tmux resize-window -t $S -x $((60 + i * 10)) -y $((15 + i * 3))
done
ok "a resize storm leaves it running" wait_for "DMA32"

keys q
ok "q quits with status 0" wait_for "EXIT=0"
ok "q restores the terminal (icanon, echo)" wait_for "icanon echo"

for sig in INT TERM HUP; do
	start 100 30
	pid=$(pgrep -n -f "^$MS --root $R")
	kill -$sig "$pid"
	ok "SIG$sig: exits" wait_for "EXIT="
	ok "SIG$sig: restores the terminal" wait_for "icanon echo"
done

# a kernel whose MemFree agrees with its free lists: no such note
session 120 30 "$MS --root $FIX/debian-6.1-2node"
ok "6.1 tree: the header" wait_for "procfs:"
keys n
ok "6.1 tree: the notes" wait_for "Notes:"
no "6.1 tree: no note on MemFree" wait_for "MemFree:" 1

# A static capture says so, lastingly, and shows no rates (not 0/s)
session 80 24 "$MS --root $R -d 0.2"
ok "capture: the header says CAPTURE, with no room for which at 80 columns" \
	wait_re "7 Cgroups +CAPTURE$"
keys 4
ok "capture: the Reclaim tab" wait_for "pgscan kswapd"
sleep 1 # several samples of the same files
ok "capture: a rate is '-', never 0/s" sh -c \
	"tmux capture-pane -p -t $S | grep -E '^  pgfault +7542498 +- *(│|█)?\$'"
no "capture: no 0/s anywhere" sh -c "tmux capture-pane -p -t $S | grep -q '0/s'"
ok "capture: still marked after samples" wait_re "7 Cgroups +CAPTURE$"

# Hostile names never reach the terminal raw
start 100 30
keys 3 '/' e v i l Enter
ok "hostile comm is shown escaped" wait_for 'evil\x1b'
finish
