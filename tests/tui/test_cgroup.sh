# The Cgroups tab through tmux: the memory cgroup tree of a v2 fixture
# with nested cgroups and a hostile name, folding, sorting, the filter by
# path, a cgroup's screen and Esc back, explain mode, a v1 tree, and 1,000
# nested cgroups (tests/fixtures/cgroup-synth.py) indented boundedly.
. tests/lib.sh
. tests/tui/lib.sh
R=$FIX/edge-cgroup-v2
tmp=$(mktemp -d)
deep=$(mktemp -d)
trap 'tui_cleanup; rm -rf "$tmp" "$deep"' EXIT

# first: the first row of the tree (under its column titles)
first() { screen | sed -n '/^Cgroup /{n;p;q}'; }
second() { screen | sed -n '/^Cgroup /{n;n;p;q}'; }

session 80 24 "$MS --root $R --tab cgroup; sleep 30"
ok "80x24: the tab bar names 7 Cgroups" wait_re " 7 Cgroups"
ok "80x24: the title counts the cgroups" wait_for "Memory cgroups: 5 (v2)"
ok "80x24: column titles" \
	wait_re "^Cgroup +Usage +Limit Headroom +Used +Peak +Growth/s +PSI +OOMk"
ok "80x24: the root, open, PSI from memory.pressure" wait_re "^- / +- +- +- +- +- +- +1.50 "
ok "80x24: a cgroup without memory controller: -" wait_re "^    nomem +- +- "
ok "80x24: nested: usage, high as the nearest limit, headroom, used, peak" \
	wait_re "^  - system.slice +100M +200M +100M +50% +150M "
ok "80x24: a grandchild: max as the limit, oom_kill events" \
	wait_re "^      app.service +50M +256M +206M +20% +- +- +- +1$"
ok "80x24: the hostile name escaped" wait_for 'evil\x1b[31m'
no "80x24: no raw escape on the screen" sh -c \
	"tmux capture-pane -p -t $S | grep -q \"$(printf '\033')\""
ok "80x24: the footer's keys" wait_for "Enter cgroup  +/-/* fold"

keys Down Down '-'
ok "-: the selected cgroup folded" wait_re "^  \+ system.slice "
no "-: its children hidden" sh -c "tmux capture-pane -p -t $S | grep -q app.service"
keys '+'
ok "+: unfolded" wait_for "app.service"
keys Down '-'
ok "- on a leaf: its parent folds" wait_re "^  \+ system.slice "
keys '+'
wait_for "app.service"
keys '*'
ok "*: every cgroup folded" wait_re "^\+ / "
no "*: no child shown" sh -c "tmux capture-pane -p -t $S | grep -q system.slice"
keys '*'
ok "* again: every cgroup open" wait_for "app.service"
keys '='
ok "=: the interval longer on the Cgroups tab" wait_for "every 2.0s"

keys M
ok "M: by usage, the tree kept: the root first" \
	sh -c "sleep 0.3; tmux capture-pane -p -t $S | sed -n '/^Cgroup /{n;p;q}' | grep -q '^- / '"
ok "M: the biggest child of the root first" \
	sh -c "tmux capture-pane -p -t $S | sed -n '/^Cgroup /{n;n;p;q}' | grep -q '^  - system.slice '"
ok "M: the sort mark on Usage" wait_re "Usage[▼▲v^]"
keys r
ok "r: smallest first, a parent above its children" \
	sh -c "sleep 0.3; tmux capture-pane -p -t $S | grep -A1 '^  - system.slice ' | tail -n 1 | grep -q '^      evil'"
keys e
ok "e: sorted by headroom" wait_re "Headroom[▼▲v^]"
keys P
ok "P: sorted by PSI" wait_re "PSI[▼▲v^]"
keys o
ok "o: sorted by OOM kills" wait_re "OOMk[▼▲v^]"

keys / app
ok "/: the filter by path shows whole paths" wait_re "^/system.slice/app"
ok "/: one row matches" wait_for "(1 of 5)"
no "/: the others hidden" sh -c "tmux capture-pane -p -t $S | grep -q nomem"
keys Enter Escape
ok "Esc: the filter cleared, the tree back" wait_for "nomem"

keys / app.service Enter
wait_re "^/system.slice/app.service "
keys Enter
ok "Enter: the cgroup's screen" wait_for "Cgroup /system.slice/app.service  (Esc back)"
ok "screen: its limits" wait_re "^  max +256M"
ok "screen: low and min" wait_re "^  min +512K"
ok "screen: the ledger of memory.stat" scroll_to "Where the usage goes"
ok "screen: anon's bucket and share" wait_re "^  anon +30M +60.0%  anon "
ok "screen: file without shmem" wait_re "^  file +20M +40.0%  file - shmem "
ok "screen: other, the usage less the buckets" \
	wait_re "^  other +0K +0.0%  usage - the above "
scroll_to "  some "
ok "screen: pressure, none here" wait_re "^  some +-"
ok "screen: its reclaim stalls and OOM kills (bpf)" \
	scroll_to "Reclaim stalls and OOM kills (bpf)"
keys Down Down
ok "screen: ... none from a captured tree, and why" wait_re "^  captured tree +"
ok "screen: its processes" scroll_to "PIDs: 400"
ok "screen: memory.events with oom_kill" scroll_to "oom_kill "
ok "screen: oom_kill's count, no rate yet" wait_re "^  oom_kill +1 +-"
ok "screen: the events timeline" scroll_to "Events timeline (changes seen"
ok "screen: a captured tree changes nothing" scroll_to "no change seen in"
scroll_to "31457280"
ok "screen: memory.stat, every item with its rate" wait_re "^  anon +31457280 +-"
keys H
ok "H: the cgroup's history graphs" \
	wait_for "History, last"
ok "H: PSI and reclaim lines" wait_re "^pgscan/s "
keys H
ok "H again: hidden" wait_gone "History, last"
keys Enter
ok "Enter: the cgroup's processes" \
	wait_for "Processes of cgroup /system.slice/app.service: 1"
ok "processes: its one process" wait_re "^ +400 +50M +50M +0K app$"
ok "processes: the footer says where Enter goes" \
	wait_for "Enter its mappings (VMA tab)"
keys Enter
ok "Enter: the VMA tab, at the process's mappings" \
	wait_for "pid 400 app: 3 VMAs"
keys Escape
ok "Esc: the VMA process list, on it" wait_re "^ +400 .* app"
keys 7
ok "7: back on the Cgroups tab's processes screen" \
	wait_for "Processes of cgroup /system.slice/app.service: 1"
keys Escape
wait_for "Cgroup /system.slice/app.service  (Esc back)"
keys Home x
ok "explain on the screen" wait_re "Explain: "
# Right through the fields from the top: in the order the screen shows them
# (zswap came after memory.stat, threads after numa_stat)
pos() { screen | grep -o 'cgroup\.[a-z_]*  [0-9]*/[0-9]*' | head -n 1; }
p=$(pos); total=${p##*/}; j=0
while [ $j -lt "${total:-0}" ]; do
	p=$(pos); echo "${p%% *}"
	keys Right; sleep 0.15; j=$((j + 1))
done >"$tmp/walk"
ok "explain walks the screen top down: zswap max, then the ledger" sh -c \
	"grep -A1 -x cgroup.zswap_max '$tmp/walk' | tail -n 1 | grep -qx cgroup.ledger"
ok "explain walks the screen top down: the ledger's other, then pressure" sh -c \
	"grep -A1 -x cgroup.ledger_other '$tmp/walk' | tail -n 1 | grep -qx cgroup.psi"
ok "explain walks the screen top down: processes, then threads" sh -c \
	"grep -A1 -x cgroup.procs '$tmp/walk' | tail -n 1 | grep -qx cgroup.threads"
ok "explain walks the screen top down: numa_stat last" sh -c \
	"tail -n 1 '$tmp/walk' | grep -qx cgroup.numa_stat"
keys x
keys Escape
ok "Esc: back to the filtered tree" wait_for "Memory cgroups: 5 (v2), whole paths"
keys Escape / evil Enter
wait_re "^/system.slice/evil"
keys Enter
ok "Enter on the hostile name: its title escaped" \
	wait_for 'Cgroup /system.slice/evil\x1b[31m\x0aname\xff  (Esc back)'
keys Escape Escape
ok "Esc, Esc: back to the whole tree" wait_for "nomem"
keys N x
ok "explain: the sort column of the tree" wait_re "Explain: Path +cgroup\.path"
keys Right
ok "explain: walks on to the next column" wait_re "Explain: Usage +cgroup\.current"
keys x

# The VMA tab's process list learns the cgroup: a column, the filter
session 106 40 "$MS --root $R --tab vma; sleep 30"
ok "106x40 VMA: no Cgroup column that would leave Command under 16" \
	wait_re "^ +PID +User .* Command +›?$"
session 120 40 "$MS --root $R --tab vma; sleep 30"
ok "120x40 VMA: the Cgroup column after Command" \
	wait_re "^ +PID +User .* Command +Cgroup$"
ok "120x40 VMA: a process's memory cgroup path" \
	wait_re "^ +400 .* app +/system.slice/app.service$"
ok "120x40 VMA: the root's process in /" wait_re "^ +1 .* init +/$"
keys / app.service
ok "/: the filter matches the cgroup path" wait_for "(1 of 3)"
ok "/: the process of that cgroup" wait_re "^ +400 "
keys Enter x
ok "explain: the Cgroup column has its text" sh -c \
	"for i in 1 2 3 4 5 6 7 8 9 10; do tmux capture-pane -p -t $S | grep -q 'Explain: Cgroup' && exit 0; tmux send-keys -t $S Right; sleep 0.2; done; exit 1"
keys x
session 80 24 "$MS --root $FIX/edge-cgroup-hybrid --tab vma; sleep 30"
ok "80x24 VMA: the Cgroup column off screen, marked" wait_re "Command +›$"
keys Right Right Right Right Right Right Right Right
ok "80x24 VMA: Right shifts the cgroup in; hybrid: the v1 memory path" \
	wait_re "4242 .*/memscope-test"
keys 7 / memscope Enter
wait_re "^/memscope-test "
keys Enter
ok "v1 screen: the ledger from total_rss" scroll_to "100.0%  total_rss"
ok "v1 screen: other holds v1's kernel memory" \
	wait_re "^  other +0K +0.0%  usage - the above \(kernel memory too\)"
keys Enter
ok "v1 screen: Enter, its process (its cgroup from the v1 line)" \
	wait_re "^ +4242 +100M +100M +0K hog"

session 120 40 "$MS --root $R --tab cgroup; sleep 30"
ok "120x40: the tree's history panel by itself (40 rows)" \
	wait_for "History, last"
keys / app.service Enter
wait_re "^/system.slice/app.service "
ok "120x40: the panel follows the selected cgroup" \
	wait_for "cgroup /system.slice/app.service: usage against its limits"
keys Enter
ok "120x40 screen: the ledger beside the limits" wait_re "^  anon +30M +60.0%"
ok "120x40 screen: the graphs of usage against max" \
	wait_re "^max .* 256M \(256M\.\.256M\)"
keys H
ok "120x40 screen: H hides them" wait_gone "History, last"

python3 "$FIX/cgroup-synth.py" deep 1000 "$deep" || exit 2
session 80 24 "$MS --root $deep --tab cgroup; sleep 30"
ok "deep: all 1,000 nested read" wait_for "Memory cgroups: 1001 (v1)"
ok "deep: two columns a level down to 4" wait_re "^        - d0004 +489G "
ok "deep: below, the level in the same width" \
	wait_re "^      5>- d0005 +489G "
keys End
ok "deep: the last, 1,000 down, as wide as the 5th" \
	wait_re "^   1000>  d1000 +1000M +1.0G +64M +94% +1000M "
no "deep: no row wider than the screen" sh -c \
	"tmux capture-pane -p -t $S | awk 'length > 80 { exit 0 } END { exit 1 }'"
sleep 1.5
ok "deep: still there a sample later (the selection kept)" \
	wait_re "^   1000>  d1000 "
keys Enter
ok "deep: Enter opens the deepest cgroup, read past PATH_MAX" \
	wait_for "Cgroup d1000, 1000 deep: /d0001/d0002/"
ok "deep: its usage" wait_re "^  usage +1000M"

session 80 24 "$MS --root $FIX/edge-cgroup-v1 --tab cgroup; sleep 30"
ok "v1: the tree" wait_re "Memory cgroups: [0-9]+ \(v1\)"
ok "v1: PSI is -" sh -c "tmux capture-pane -p -t $S | sed -n '/^Cgroup /{n;p;q}' | grep -qE ' - +[-0-9]+$'"

session 80 24 "$MS --root $FIX/debian12-6.18 --tab cgroup; sleep 30"
ok "a tree without cgroups: why" wait_for "cgroup unavailable"
# The events timeline from samples whose counters change: a recording of
# the v2 tree, its third sample given an OOM kill and 3 max events in
# app.service, its fourth a local high event in system.slice, replayed
$MS --root $R -b -n 4 -d 0.5 --tab cgroup --record "$tmp/rec.zst" >/dev/null 2>&1
zstdcat "$tmp/rec.zst" | awk '
NR >= 4 { sub(/"max":2,"oom":1,"oom_kill":1,"oom_group_kill":0},"events_local":null/,
	"\"max\":5,\"oom\":2,\"oom_kill\":2,\"oom_group_kill\":0},\"events_local\":null") }
NR == 5 { sub(/"events_local":\{"low":0,"high":3,/, "\"events_local\":{\"low\":0,\"high\":4,") }
{ print }' | zstd -q -o "$tmp/changed.zst"
session 100 40 "$MS --replay $tmp/changed.zst --tab cgroup; sleep 30"
ok "replay: played to its end" wait_for "4/4" 10
keys / app.service Enter
wait_re "^/system.slice/app.service "
keys Enter
scroll_to "Events timeline (changes seen"
ok "timeline: the changes seen, listed under it" scroll_to "+3  now 5"
ok "timeline: oom_kill +1, its value now" wait_re "s ago +oom_kill +\+1  now 2"
ok "timeline: max +3" wait_re "s ago +max +\+3  now 5"
no "timeline: nothing of the unchanged samples" sh -c \
	"tmux capture-pane -p -t $S | grep -q 'no change seen'"
keys Escape Escape / system.slice Enter Home Enter
wait_for "Cgroup /system.slice  (Esc back)"
ok "timeline: events.local's change apart" scroll_to "local  +1  now 4"
finish
