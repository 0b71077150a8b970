# The history graphs through tmux on a captured tree: after a few samples
# every tab draws its graph panel, H hides and shows it, ASCII fallback.
. tests/lib.sh
. tests/tui/lib.sh
R=$FIX/debian12-6.18
# UTF-8 for memscope (blocks, braille) and for the character ranges of grep
export LC_ALL=C.UTF-8

# braille: five braille cells in a row somewhere on the screen
braille() {
	screen | grep -qP '[\x{2801}-\x{28ff}]{5}'
}

# start W H ARGS...: memscope on the tree, every 0.2 s
start() {
	w=$1 h=$2; shift 2
	session "$w" "$h" "$MS --root $R -d 0.2 $*; echo EXIT=\$?; sleep 30"
}

start 120 45
ok "buddy: the panel on a tall screen" wait_re \
	"History, last [0-9]+ s: node 0 DMA fragmentation and free blocks per order  \(H hides\)"
# after a few samples: a sparkline several samples long per order
sleep 2
ok "buddy: order 3 has a sparkline" wait_re "^order 3 +▁{5,} 0 \(0\.\.0\)"
ok "buddy: order 10 has a sparkline" wait_re "^order 10 +[▁▂▃▄▅▆▇█]{5,} 3 \(3\.\.3\)"
ok "buddy: the plot is braille" braille
keys Down Down
ok "buddy: follows the selection" wait_re "History, last [0-9]+ s: node 0 Normal"
ok "buddy: a new selection starts with its own history" \
	wait_re "^order 0 +▅+ 2587"
keys H
ok "buddy: H hides the panel" wait_gone "History,"
keys H
ok "buddy: H shows it again" wait_for "History,"

keys 2
ok "slab: the panel" wait_re "History, last [0-9]+ s: ext4_inode_cache size and growth"
# a static capture has no rates: the rate series are "-", not 0/s
ok "slab: growth" wait_re "^growth +- \(-\.\.-\)$"
keys 3
ok "vma: the panel" wait_re "History, last [0-9]+ s: pid [0-9]+ .* page faults per second"
ok "vma: major faults" wait_re "^majflt/s"
keys 4
ok "reclaim: the panel" wait_re "History, last [0-9]+ s: memory pressure \\(PSI avg10\\)"
ok "reclaim: pages scanned by kswapd" wait_re "^scan kswapd +- \(-\.\.-\)$"
ok "reclaim: pages stolen by direct reclaim" wait_re "^steal direct +- \(-\.\.-\)$"
keys 5
ok "numa: the panel" wait_re "History, last [0-9]+ s: numa_miss and numa_foreign"
ok "numa: node 0 foreign" wait_re "^N0 foreign +- \(-\.\.-\)$"
keys q
ok "q quits with status 0" wait_for "EXIT=0"

# a short screen: no panel until H
start 100 30
ok "100x30: no panel by itself" wait_gone "History,"
keys H
ok "100x30: H shows it" wait_re "History, last [0-9]+ s: node 0 DMA"
keys q

# ASCII: no braille, no blocks
start 120 45 --ascii
sleep 2
ok "ascii: the panel" wait_re "History, last [0-9]+ s: node 0 DMA"
ok "ascii: sparklines in ASCII" wait_re "^order 10 +\+{5,} 3 \(3\.\.3\)"
no "ascii: no block characters" wait_re "[▁▂▃▄▅▆▇█]" 1
no "ascii: no braille" braille
keys q
finish
