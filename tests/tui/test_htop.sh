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
# MemFree 24259676 kB, MemAvailable 24327712 kB
ok "header: MemFree with one decimal" wait_for "MemFree 23.1G"
ok "header: MemAvailable with one decimal" wait_for "MemAvailable 23.2G"

finish
