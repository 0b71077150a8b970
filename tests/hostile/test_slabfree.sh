# Slab Free/s under churn (root, a kernel with BTF, this machine's): an
# mmap/munmap storm (maple_node, vm_area_struct) and files created and
# unlinked (dentry, inodes). For every busy cache, (alloc - free) * interval
# agrees with the change of its active objects within the tolerance
# memscope states, or the cache is marked inconsistent; maple_node's frees
# (kfree_rcu and sheaves on 6.18: no event) are not shown as 0.
. tests/lib.sh
. tests/hostile/lib.sh

"$MS" -b -n 2 -d 0.2 --json --tab slab 2>&1 | tail -n 1 > "$tmp/probe.json"
if [ ! -r /sys/kernel/btf/vmlinux ] ||
	! jq -e '.sources.slab_events == "bpf"' "$tmp/probe.json" >/dev/null; then
	echo "# skipped: needs kernel BTF and a BPF build"
	finish
	exit
fi

mkdir "$tmp/files"
HOSTILE_COMM=Hsmmap spawn mmap churn mmap 40
HOSTILE_COMM=Hsfile spawn files churn files 40 "$tmp/files"
sleep 1
"$MS" -b -n 5 -d 2 --json --tab slab > "$tmp/slab.json" 2> "$tmp/slab.err"
ok "batch JSON exits 0" test $? = 0

# A line per interval and busy cache: the invariant (slabfree.jq)
jq -s -r -f tests/hostile/slabfree.jq "$tmp/slab.json" > "$tmp/check.txt"
sed 's/^/# /' "$tmp/check.txt"
ok "busy caches: maple_node, vm_area_struct, dentry or an inode cache" sh -c \
	"grep -q ' maple_node ' $tmp/check.txt && grep -q ' vm_area_struct ' $tmp/check.txt && grep -Eq ' (dentry|[a-z0-9_]*inode_cache) ' $tmp/check.txt"
ok "every busy cache: the invariant within the stated tolerance, or marked" \
	sh -c "! awk '\$8 != \"ok\" && \$7 != \"inconsistent\" && \$7 != \"unchecked\" && \$4 != \"null\"' $tmp/check.txt | grep -q ."
ok "every busy cache says where its frees come from" \
	sh -c "! awk '\$7 != \"counted\" && \$7 != \"derived\" && \$7 != \"inconsistent\" && !(\$1 == 1 && (\$7 == \"unchecked\" || \$4 == \"null\"))' $tmp/check.txt | grep -q ."
# maple_node: most of its frees are missed by the events, so derived
tail -n 1 "$tmp/slab.json" > "$tmp/last.json"
ok "maple_node: a high alloc rate" jq_ok "$tmp/last.json" \
	'[.slab.caches[] | select(.name == "maple_node")][0].alloc_rate > 1000'
ok "maple_node: frees not shown as 0 (at least half the allocations)" \
	jq_ok "$tmp/last.json" \
	'[.slab.caches[] | select(.name == "maple_node")][0] | .free_rate >= 0.5 * .alloc_rate'
ok "maple_node: derived, and more than the events counted" \
	jq_ok "$tmp/last.json" \
	'[.slab.caches[] | select(.name == "maple_node")][0] | .free_source == "derived" and .free_rate > .free_rate_counted'
ok "the stated tolerance is a small part of maple_node's rate" \
	jq_ok "$tmp/last.json" \
	'[.slab.caches[] | select(.name == "maple_node")][0] | .free_rate_tolerance != null and .free_rate_tolerance < 0.1 * .alloc_rate'

# text: the derived rate carries "~" and the legend says what it means
"$MS" -b -n 2 -d 2 --tab slab > "$tmp/slab.txt"
awk '/^memscope /{n++} n==2' "$tmp/slab.txt" > "$tmp/slab2.txt"
ok "text: maple_node's free/s marked ~" sh -c \
	"grep -E '^maple_node +[0-9.]+ +~[0-9.]+ ' $tmp/slab2.txt"
ok "text: the legend of the marks" grep -q '^  ~ derived: ' "$tmp/slab2.txt"

# OpenMetrics: the source of the frees beside the rate, and its bound
"$MS" -b -n 2 -d 2 --format openmetrics --top 10000 --tab slab \
	> "$tmp/slab.om"
ok "openmetrics: maple_node's frees derived" grep -q \
	'^memscope_slab_cache_frees_source{cache="maple_node",source="derived"} 1$' \
	"$tmp/slab.om"
ok "openmetrics: maple_node's tolerance" grep -Eq \
	'^memscope_slab_cache_frees_tolerance_per_second\{cache="maple_node"\} [0-9]' \
	"$tmp/slab.om"

# the explorer: Free/s of maple_node marked in the Slab tab
tui slabfree 120 40 "$MS" --tab slab
wait_for "~" 8
ok "tui: maple_node's Free/s marked ~" sh -c \
	"tmux capture-pane -p -t slabfree | grep -E '^ *maple_node +[0-9.kM]+ +~[0-9.kM]+ '"
keys q

finish
