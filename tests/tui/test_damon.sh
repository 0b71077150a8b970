# The DAMON screen through tmux at 80x24, from fixture trees: the Reclaim
# tab's A and the Memory tab's A, this machine's captured kdamond (a
# paddr pageout scheme), three kdamonds of the edge tree with their
# schemes and filters, scrolling, explain mode, and a tree without DAMON.
. tests/lib.sh
TUI_NAME=${TUI_NAME:-ms-damon}
. tests/tui/lib.sh

session 80 24 "$MS --root $FIX/debian12-6.18 --tab reclaim; sleep 30"
ok "Reclaim: its hints name A" wait_for "A DAMON"
keys A
ok "Reclaim A: the DAMON screen" wait_for "DAMON: the kdamonds (read only)"
ok "the kdamond: on, its pid, paddr" wait_re "^ *kdamond 0  on  pid 105  paddr"
ok "stats: the owner's refresh, refresh_ms 0" wait_for "refresh_ms 0, as fresh"
ok "the scheme's action" wait_for "scheme 0: pageout"
ok "the access pattern, unbounded size as max" \
	wait_re "pattern: size 0B?\.\.max, accesses 0\.\.1, age 12\.\.4294967295"
keys x
ok "explain mode: the screen's title field" wait_for "kdamonds"
keys x
keys Escape
keys 6
ok "Memory: its hints name A" wait_for "A DAMON"
keys A
ok "Memory A: goes to the Reclaim tab's DAMON screen" \
	wait_for "DAMON: the kdamonds (read only)"

session 80 24 "$MS --root $FIX/edge-damon-multi --tab reclaim; sleep 30"
keys A
ok "three kdamonds counted" wait_for "3 kdamond(s)"
ok "kdamond 0: vaddr, two target processes" wait_for "target 1: pid 5678"
ok "a filter with its memcg path" wait_for "filter memcg: matching N, allow N, memcg /system.slice/db.service"
ok "kdamond 0 refreshed by the kernel" wait_for "refreshed by the kernel every 1000 ms"
keys End
ok "End: the last kdamond's migrate_cold to node 1" \
	wait_re "scheme 1: lru_prio|to node 1"

session 80 24 "$MS --root $FIX/edge-cgroup-v2 --tab reclaim; sleep 30"
keys A
ok "without DAMON: says why" wait_for "DAMON: no sys/kernel/mm/damon in this tree"
finish
