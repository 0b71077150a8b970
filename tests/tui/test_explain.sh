# Explain mode (key x) through tmux on a captured tree: the panel opens on
# every tab and drill-down, Left/Right walk every column and field of the
# page (a different id and text each time, back to the first after N),
# every column of the small tables of the Reclaim events and NUMA pages
# among them, and the NUMA page marks the title of the column explained;
# in English and in Chinese (LANG=zh_CN.UTF-8).
. tests/lib.sh
. tests/tui/lib.sh
R=$FIX/debian12-6.18
WALKED=$TMUX_TMPDIR/walked # "page id" for every step of every walk

# start LANG: memscope on the tree, 160x50 so no panel title is cut
start() {
	session 160 50 "LANG=$1 LC_ALL= LANGUAGE= $MS --root $R; sleep 30"
}

# The panel's position "id k/N" from its title line.
pos() { screen | grep -o '[a-z_]*\.[a-z0-9_.]*  [0-9]*/[0-9]*' | head -n 1; }

# wait_pos OLD: until the title shows another position than OLD
wait_pos() {
	i=0
	while [ $i -lt 30 ]; do
		p=$(pos)
		[ -n "$p" ] && [ "$p" != "$1" ] && return 0
		sleep 0.1; i=$((i + 1))
	done
	return 1
}

# wait_at POS: until the title shows POS (at most 3 s)
wait_at() {
	i=0
	while [ $i -lt 30 ] && [ "$(pos)" != "$1" ]; do
		sleep 0.1; i=$((i + 1))
	done
}

# walk NAME WHAT: Right through every id of the open panel. Checks that
# each step shows a new id with its "WHAT" line, that the N ids are all
# different, and that N steps come back to the first.
walk() {
	wait_pos "" # the panel is up
	first=$(pos)
	total=${first##*/}
	seen=$(mktemp)
	bad=0
	[ -n "$first" ] && [ "${total:-0}" -gt 0 ] || bad=1
	cur=$first
	k=0
	while [ $bad -eq 0 ] && [ $k -lt "$total" ]; do
		echo "${cur%% *}" >> "$seen"
		echo "$1 ${cur%% *}" >> "$WALKED"
		screen | grep -q "^ $2 " || { echo "no '$2' at $cur"; bad=1; }
		keys Right
		k=$((k + 1))
		if [ $k -lt "$total" ]; then
			wait_pos "$cur" || { echo "stuck at $cur"; bad=1; }
			cur=$(pos)
		fi
	done
	ok "$1: Right walks $total ids, each with its text" test $bad -eq 0
	ok "$1: the $total ids are all different" test $bad -eq 0 -a \
		"$(sort -u "$seen" | wc -l)" -eq "${total:-0}"
	ok "$1: after $total steps back at the first" \
		test $bad -eq 0 -a "$(wait_at "$first"; pos)" = "$first"
	keys Left
	ok "$1: Left walks back" wait_pos "$first"
	keys Right
	wait_for "$first" 3
	rm -f "$seen"
}

# page NAME KEYS...: the keys lead to a page (the panel stays open)
page() {
	name=$1; shift
	old=$(pos)
	[ $# -gt 0 ] && keys "$@"
	sleep 0.4
	# the new page is drawn once the panel shows another position
	[ $# -gt 0 ] && [ -n "$old" ] && wait_pos "$old"
	walk "$name" "$WHAT"
}

# walked PAGE IDS...: the walk of PAGE went through every one of IDS
walked() {
	w=$1; shift
	for id in "$@"; do
		grep -qxF "$w $id" "$WALKED" || { echo "$w: not at $id"; return 1; }
	done
}

# The columns of the events page's and the NUMA page's small tables
# (MS_LIVE_*_IDS), each its own id.
EVENT_IDS=$(grep -o '"reclaim\.e\.[a-z]*\.[a-z_]*"' tui/tabs/reclaim/reclaim.h | tr -d '"')
NUMA_IDS=$(grep -o '"numa\.\(mig\|hint\)\.[a-z_]*"' tui/tabs/numa/numa.h | tr -d '"')

# goto ID: Right until the panel shows ID (at most 60 steps)
goto() {
	j=0
	while [ $j -lt 60 ]; do
		p=$(pos)
		[ "${p%% *}" = "$1" ] && return 0
		keys Right; wait_pos "$p"; j=$((j + 1))
	done
	return 1
}

# marked: the text under the explain highlight (the default theme's
# yellow background), a line per run, trimmed
marked() {
	sgr | awk -v e="$(printf '\033')" '{
		n = split($0, a, e "\\[43m")
		for (i = 2; i <= n; i++) {
			s = a[i]; sub(e ".*", "", s)
			gsub(/^ +| +$/, "", s); print s
		}
	}'
}

# mark_is ID TEXT: at ID, the marks are TEXT, COUNT times (a run each)
mark_is() {
	goto "$1" || return 1
	sleep 0.3
	[ "$(marked | sort | uniq -c | awk '{ print $1, $2 }')" = "$3 $2" ]
}

# mark_only ID TEXT: at ID, TEXT is marked, as every run of marks
mark_only() {
	goto "$1" || return 1
	sleep 0.3
	[ -n "$(marked)" ] && [ -z "$(marked | grep -vxF -- "$2")" ]
}

# mark_has ID TEXT: at ID, one run is marked and it holds TEXT
mark_has() {
	goto "$1" || return 1
	sleep 0.3
	[ "$(marked | wc -l)" -eq 1 ] && marked | grep -qF -- "$2"
}

for lang in C.UTF-8 zh_CN.UTF-8; do
	if [ $lang = C.UTF-8 ]; then
		WHAT=What HEAL=Healthy TITLE="Explain:"
	else
		WHAT=含义 HEAL=健康参考 TITLE="解释:"
	fi
	start $lang
	ok "$lang: no panel before x" wait_gone "$TITLE" 1
	keys x
	ok "$lang: x opens the panel" wait_for "$TITLE"
	ok "$lang: the panel has the four parts" sh -c \
		"tmux capture-pane -p -t $S | grep -q '^ $HEAL '"
	ok "$lang: it opens at the sort column (buddy: the first)" \
		wait_for "buddy.zone.node  1/"
	page "$lang buddy zones"
	ok "$lang: the orders panel under the zones marks its row" \
		mark_is buddy.order.blocks blocks 1
	page "$lang buddy zone page" Down Enter
	keys Escape
	ok "$lang: Esc closes the panel first" wait_gone "$TITLE"
	ok "$lang: the zone page is still open" wait_for "Free memory per order"
	keys Escape x
	ok "$lang: x opens it again" wait_for "$TITLE"
	keys x
	ok "$lang: x closes it" wait_gone "$TITLE"
	keys x 2
	ok "$lang: the panel follows the tab (slab, at Size)" \
		wait_for "slab.size  "
	page "$lang slab caches"
	page "$lang slab cache page" Enter
	keys Escape Escape 3
	sleep 0.3
	ok "$lang: the panel was closed by Esc" wait_gone "$TITLE"
	keys x
	page "$lang vma processes"
	keys Escape 3 Home Enter
	ok "$lang: the VMA list opens" wait_for "Address" 5
	keys x
	page "$lang vma list"
	ok "$lang: the address-space summary is marked" \
		mark_has vma.m.summary total
	ok "$lang: the fault line is marked" mark_has vma.m.faults faults
	page "$lang vma fields" Enter
	keys Escape Escape Escape Escape 4 x
	page "$lang reclaim overview"
	page "$lang reclaim vmstat table" Enter
	# Esc closes the panel first, then goes back
	page "$lang reclaim events" Escape Escape e x
	ok "$lang: the events page walks every column of its tables" \
		walked "$lang reclaim events" $EVENT_IDS
	page "$lang reclaim delays" Escape Escape d x
	keys Escape Escape 5 x
	page "$lang numa"
	ok "$lang: the NUMA page walks every column of its tables" \
		walked "$lang numa" $NUMA_IDS numa.stat.numa_miss numa.mem.file
	# (those of the four tables on screen: the walk left the page scrolled)
	ok "$lang: Node marks the Node column of the tables, only that" \
		mark_only numa.node Node
	# 160 columns: numastat's full names; its two tables mark both
	ok "$lang: numa_miss marks its column title in both numastat tables" \
		mark_is numa.stat.numa_miss numa_miss 2
	ok "$lang: Free marks its column title" mark_is numa.node.free Free 1
	ok "$lang: File marks its column title" mark_is numa.mem.file File 1
	if [ $lang = zh_CN.UTF-8 ]; then
		ok "zh_CN: Chinese text in the panel" wait_for "节点"
		ok "zh_CN: the panel labels in Chinese" wait_for "左/右"
	else
		ok "C: English text in the panel" wait_for "Source "
	fi
done
# A detail screen longer than the terminal: the panel opens at the field on
# the top line, and walking scrolls the explained field into view.
session 100 30 "LANG=C.UTF-8 LC_ALL= LANGUAGE= $MS --root $R --tab numa; sleep 30"
ok "numa page: the top field is the first" sh -c \
	"tmux send-keys -t $S x; sleep 0.5; tmux capture-pane -p -t $S | grep -q 'numa.node.balancing  1/'"
keys x PageDown PageDown x
ok "numa page scrolled: the panel opens further down" \
	wait_gone "numa.node.balancing  1/"
# press KEY COUNT: one key at a time, each step seen on the screen
press() {
	j=0
	while [ $j -lt "$2" ]; do
		before=$(pos); keys "$1"; wait_pos "$before"; j=$((j + 1))
	done
}
wait_pos ""
here=$(pos); k=${here##* }; k=${k%%/*}; total=${here##*/}
press Right $((total - k))
ok "numa page: walking reaches the last field" wait_for "numa.bal.local_share  $total/$total"
ok "numa page: the page scrolled to show it" wait_for "local hint faults"
press Left $((total - 1))
ok "numa page: walking back to the first field" \
	wait_for "numa.node.balancing  1/"
ok "numa page: the page scrolled back up" wait_for "node online"
finish
