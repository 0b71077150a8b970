# Multi-size THP on the Reclaim overview at 80x24: every hugepages-NkB size
# of the 6.12 tree with its choices and stats ('-' rates on a capture), a
# 6.1 tree says it has none, and live (where this kernel has sizes) the
# rates appear from the second sample.
. tests/lib.sh
. tests/tui/lib.sh
THP=/sys/kernel/mm/transparent_hugepage

session 80 24 "$MS --root $FIX/debian-6.12-2node --tab reclaim; sleep 30"
ok "6.12: the section's title" scroll_to "Multi-size THP (hugepages-NkB)"
ok "6.12: a shmem-only size has no enabled" scroll_to "8kB  enabled -  shmem never"
ok "6.12: 2048kB inherits both" scroll_to "2048kB  enabled inherit  shmem inherit"
for i in 1 2 3 4 5 6; do keys Down; done
ok "6.12: its folios, no rate on a capture" wait_re "^ +nr_anon +23 +- "
ok "6.12: a stat after it" scroll_to "split_deferred"

session 80 24 "$MS --root $FIX/debian-6.1-2node --tab reclaim; sleep 30"
ok "6.1: says the tree has no sizes" \
	scroll_to "thp_sizes: no hugepages-NkB sizes in this tree (multi-size THP"

if ls -d $THP/hugepages-*kB >/dev/null 2>&1; then
	kb=$(ls -d $THP/hugepages-*kB | sed 's/.*hugepages-//' | sort -n |
		head -1)
	session 80 24 "$MS --tab reclaim; sleep 30"
	ok "live: the smallest size $kb" scroll_to "  $kb  enabled "
	# from the second sample a counter has a rate ("0/s" when idle):
	# a slower walk, so the line is not passed before its rate shows
	STEP=0.2 STEPS=60
	ok "live: rates from the second sample" \
		scroll_re "^    split +[0-9]+ +[0-9.]+[KMG]?/s "
	unset STEP STEPS
else
	skip "live: this kernel has no mTHP sizes"
fi
finish
