# --format openmetrics / prometheus: promtool, a strict OpenMetrics parser
# (python3-prometheus-client), exact values from the fixture files, escaped
# hostile cache names, cardinality bounded by --top; live once.
. tests/lib.sh
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
R=$FIX/debian12-6.18
R2=$FIX/debian-6.1-2node
PY=/usr/bin/python3

# The strict check: the OpenMetrics parser of the Prometheus Python client
# (EOF, UNIT suffixes, _total counters, escaping, families not interleaved,
# no repeated series), then our own: each label set once per family.
cat > "$tmp/strict.py" <<'EOF'
import sys
from prometheus_client.openmetrics.parser import text_string_to_metric_families
text = open(sys.argv[1]).read()
seen = set()
n = 0
for fam in text_string_to_metric_families(text):
    for s in fam.samples:
        key = (s.name, tuple(sorted(s.labels.items())))
        if key in seen:
            sys.exit("repeated series %r" % (key,))
        seen.add(key)
        n += 1
if not text.endswith("# EOF\n") or text.count("# EOF") != 1:
    sys.exit("no single # EOF at the end")
print(n)
EOF
strict() { "$PY" "$tmp/strict.py" "$1" > "$1.n"; }
promtool_ok() { promtool check metrics < "$1" > "$1.lint" 2>&1 && ! [ -s "$1.lint" ]; }
# value FILE SERIES: the value of the sample written exactly as SERIES
value() { awk -v k="$2" 'substr($0, 1, length(k) + 1) == k " " { print $NF }' "$1"; }
eq() { [ "$(value "$1" "$2")" = "$3" ]; }

ok "--format rejects an unknown format" sh -c "! '$MS' -b --format xml --root '$R' 2>&1 | grep -q '^#'"
no "--format needs -b" "$MS" --format openmetrics --root "$R"
no "--top rejects garbage" "$MS" -b --format openmetrics --top x --root "$R"
no "--top rejects negative" "$MS" -b --format openmetrics --top -1 --root "$R"

"$MS" -b --format openmetrics --root "$R" > "$tmp/om" 2> "$tmp/om.err"
ok "openmetrics: exit 0, nothing on stderr" test ! -s "$tmp/om.err"
ok "openmetrics: strict parser accepts it" strict "$tmp/om"
ok "openmetrics: one exposition without -n" test "$(grep -c '^# EOF$' "$tmp/om")" -eq 1
ok "openmetrics: # UNIT lines" grep -q '^# UNIT memscope_meminfo_bytes bytes$' "$tmp/om"
ok "openmetrics: counters end in _total" grep -q '^memscope_vmstat_events_total{item="pgfault"} ' "$tmp/om"
ok "openmetrics: counter family named without _total" grep -q '^# TYPE memscope_vmstat_events counter$' "$tmp/om"
no "openmetrics: no process series" grep -q 'comm=' "$tmp/om"
"$MS" -b --format prometheus --root "$R" > "$tmp/prom"
ok "prometheus: promtool check metrics, no lint" promtool_ok "$tmp/prom"
no "prometheus: no # EOF, no # UNIT" grep -qE '^# (EOF|UNIT)' "$tmp/prom"
ok "prometheus: TYPE names the counter with _total" grep -q '^# TYPE memscope_vmstat_events_total counter$' "$tmp/prom"
ok "prometheus: same samples as openmetrics" sh -c \
	"grep -v '^#' '$tmp/om' | grep -v timestamp > '$tmp/a'; grep -v '^#' '$tmp/prom' | grep -v timestamp > '$tmp/b'; cmp -s '$tmp/a' '$tmp/b'"

# exact values from the fixture's files
ok "buddy: Normal order 0 as in buddyinfo" eq "$tmp/om" \
	'memscope_buddy_free_blocks{node="0",zone="Normal",order="0"}' \
	"$(awk '$4 == "Normal" { print $5 }' "$R/proc/buddyinfo")"
ok "buddy: Normal order 10 as in buddyinfo" eq "$tmp/om" \
	'memscope_buddy_free_blocks{node="0",zone="Normal",order="10"}' \
	"$(awk '$4 == "Normal" { print $15 }' "$R/proc/buddyinfo")"
ok "buddy: free pages = sum of blocks * 2^order" eq "$tmp/om" \
	'memscope_buddy_free_pages{node="0",zone="DMA32"}' \
	"$(awk '$4 == "DMA32" { for (i = 5; i <= NF; i++) s += $i * 2 ^ (i - 5); print s }' "$R/proc/buddyinfo")"
ok "buddy: extfrag -1 where a block of the order is free" eq "$tmp/om" \
	'memscope_buddy_extfrag_index{node="0",zone="Normal",order="3"}' -1
ok "buddy: unusable index 0 at order 0" eq "$tmp/om" \
	'memscope_buddy_unusable_index_ratio{node="0",zone="Normal",order="0"}' 0
ok "zone: min watermark as in zoneinfo" eq "$tmp/om" \
	'memscope_zone_watermark_pages{node="0",zone="Normal",watermark="min"}' \
	"$(awk '/zone +Normal/ { z = 1 } z && $1 == "min" { print $2; exit }' "$R/proc/zoneinfo")"
ok "zone: watermark state is one of four" test "$(grep -c '^memscope_zone_watermark_state{node="0",zone="Normal",memscope_zone_watermark_state="[a-z]*"} 1$' "$tmp/om")" -eq 1
ok "meminfo: MemTotal in bytes" eq "$tmp/om" 'memscope_meminfo_bytes{field="MemTotal"}' \
	"$(awk '$1 == "MemTotal:" { printf "%.0f\n", $2 * 1024 }' "$R/proc/meminfo")"
ok "slab: ext4_inode_cache bytes = num_slabs * pagesperslab * 4096" eq "$tmp/om" \
	'memscope_slab_cache_size_bytes{cache="ext4_inode_cache"}' \
	"$(awk '$1 == "ext4_inode_cache" { print $15 * $6 * 4096 }' "$R/proc/slabinfo")"
slab_sum() { awk '/^memscope_slab_cache_size_bytes/ { s += $NF } END { printf "%.0f", s }' "$1"; }
ok "slab: top 20 and other sum to every cache" test "$(slab_sum "$tmp/om")" = \
	"$(awk 'NR > 2 { s += $15 * $6 * 4096 } END { printf "%.0f", s }' "$R/proc/slabinfo")"
ok "vmstat: pgfault counter" eq "$tmp/om" 'memscope_vmstat_events_total{item="pgfault"}' \
	"$(awk '$1 == "pgfault" { print $2 }' "$R/proc/vmstat")"
ok "vmstat: nr_free_pages is a gauge" eq "$tmp/om" 'memscope_vmstat{item="nr_free_pages"}' \
	"$(awk '$1 == "nr_free_pages" { print $2 }' "$R/proc/vmstat")"
ok "vmstat: nr_dirtied is a counter" grep -q '^memscope_vmstat_events_total{item="nr_dirtied"} ' "$tmp/om"
ok "psi: some total in seconds" eq "$tmp/om" 'memscope_psi_stall_seconds_total{kind="some"}' \
	"$(awk -F'total=' '/^some/ { print $2 / 1e6 }' "$R/proc/pressure/memory")"
no "one sample: no rates" grep -q '^memscope_vmstat_events_per_second' "$tmp/om"

"$MS" -b --format openmetrics -n 2 -d 0.1 --root "$R" > "$tmp/om2"
ok "-n 2: one exposition, strict" sh -c "strict() { '$PY' '$tmp/strict.py' \"\$1\"; }; strict '$tmp/om2' >/dev/null && [ \$(grep -c '^# EOF' '$tmp/om2') -eq 1 ]"
# the same files read twice: a static capture has no rates, not 0
no "-n 2 of a capture: no rates" grep -q '^memscope_vmstat_events_per_second' "$tmp/om2"

"$MS" -b --format openmetrics --root "$R2" > "$tmp/om2n"
ok "2 nodes: strict" strict "$tmp/om2n"
ok "2 nodes: promtool" sh -c "'$MS' -b --format prometheus --root '$R2' > '$tmp/p2n' && promtool check metrics < '$tmp/p2n'"
ok "2 nodes: node 1 MemTotal" eq "$tmp/om2n" 'memscope_node_memory_total_bytes{node="1"}' \
	"$(awk '$3 == "MemTotal:" { printf "%.0f\n", $4 * 1024 }' "$R2/sys/devices/system/node/node1/meminfo")"
ok "2 nodes: numa_hit of node 1" eq "$tmp/om2n" 'memscope_numastat_pages_total{node="1",item="numa_hit"}' \
	"$(awk '$1 == "numa_hit" { print $2 }' "$R2/sys/devices/system/node/node1/numastat")"
ok "2 nodes: distance 1 -> 0" eq "$tmp/om2n" 'memscope_numa_distance{node="1",to="0"}' \
	"$(awk '{ print $1 }' "$R2/sys/devices/system/node/node1/distance")"
ok "2 nodes: zones of node 1" grep -q '^memscope_buddy_free_blocks{node="1",zone="Normal",order="10"} ' "$tmp/om2n"

# hostile cache names: a terminal escape, a tab, quotes and backslashes
H="$tmp/hostile"
mkdir -p "$H/proc"
cp "$FIX/edge-slab-hostile/proc/meminfo" "$H/proc/"
{ cat "$FIX/edge-slab-hostile/proc/slabinfo"
  printf 'say"hi"\\x   7   8   64   64    1 : tunables    0    0    0 : slabdata      1      1      0\n'
  printf 'other   5   6   64   64    1 : tunables    0    0    0 : slabdata      1      1      0\n'
  printf 'other   5   6   64   64    1 : tunables    0    0    0 : slabdata      1      1      0\n'
  printf 'kmalloc-32   1   6   64   64    1 : tunables    0    0    0 : slabdata      1      1      0\n'
} > "$H/proc/slabinfo"
"$MS" -b --format openmetrics --top 50 --root "$H" > "$tmp/omh"
ok "hostile: strict parser accepts it" strict "$tmp/omh"
ok "hostile: promtool accepts it" sh -c "'$MS' -b --format prometheus --top 50 --root '$H' | promtool check metrics"
no "hostile: no raw control bytes" grep -q "$(printf '[\001-\010\013-\037\177]')" "$tmp/omh"
ok "hostile: escape sequence as \\\\x1b" grep -qF 'memscope_slab_cache_objects{cache="\\x1b]0;pwned\\x07\\x1b[2J"} 20' "$tmp/omh"
ok "hostile: tab as \\\\x09" grep -qF 'cache="my cache\\x09name"' "$tmp/omh"
ok "hostile: quotes and backslash escaped" grep -qF 'memscope_slab_cache_objects{cache="say\"hi\"\\\\x"} 8' "$tmp/omh"
ok "hostile: parsed back to the escaped name" sh -c "'$PY' -c '
import sys
from prometheus_client.openmetrics.parser import text_string_to_metric_families as p
names = {s.labels.get(\"cache\") for f in p(open(sys.argv[1]).read()) for s in f.samples}
sys.exit(0 if \"say\\\"hi\\\"\\\\\\\\x\" in names else 1)' '$tmp/omh'"
ok "hostile: a cache named other and a repeated name go to other" eq "$tmp/omh" \
	'memscope_slab_cache_objects{cache="other"}' 18
ok "hostile: one series per name" test "$(grep -c '^memscope_slab_cache_objects{cache="kmalloc-32"}' "$tmp/omh")" -eq 1

# cardinality: --top N gives N + 1 series per slab family
series() { grep -c "^$2[{ ]" "$1"; }
"$MS" -b --format openmetrics --top 5 --root "$R" > "$tmp/top5"
"$MS" -b --format openmetrics --top 0 --root "$R" > "$tmp/top0"
"$MS" -b --format openmetrics --top 10000 --root "$R" > "$tmp/topall"
ok "--top 5: 6 size series" test "$(series "$tmp/top5" memscope_slab_cache_size_bytes)" -eq 6
ok "--top 5: the 5 biggest" sh -c "grep '^memscope_slab_cache_size_bytes' '$tmp/top5' | head -n 5 | sed 's/.*cache=\"\\([^\"]*\\)\".*/\\1/' > '$tmp/t5'; awk 'NR > 2 { print \$15 * \$6, NR, \$1 }' '$R/proc/slabinfo' | sort -k1,1nr -k2,2n | head -n 5 | awk '{ print \$3 }' | cmp -s - '$tmp/t5'"
ok "--top 5: other counts the rest" eq "$tmp/top5" memscope_slab_other_caches \
	"$(awk 'NR > 2 { n++ } END { print n - 5 }' "$R/proc/slabinfo")"
ok "--top 0: only other" test "$(series "$tmp/top0" memscope_slab_cache_size_bytes)" -eq 1
ok "--top 10000: every cache, no other" test "$(series "$tmp/topall" memscope_slab_cache_size_bytes)" -eq "$(awk 'NR > 2 { n++ } END { print n }' "$R/proc/slabinfo")"
ok "--top bounds the series count" sh -c "[ \$(grep -vc '^#' '$tmp/top0') -lt \$(grep -vc '^#' '$tmp/top5') ] && [ \$(grep -vc '^#' '$tmp/top5') -lt \$(grep -vc '^#' '$tmp/topall') ]"

# cgroups: the N biggest by usage and the N others nearest a limit
# (usage over the smaller of max and high) have series, the rest is other
"$MS" -b --format openmetrics --top 1 --root $FIX/edge-cgroup-v1 > "$tmp/cg1"
ok "cgroups --top 1: the biggest (/, unlimited) has its series" \
	grep -q '^memscope_cgroup_usage_bytes{path="/"} ' "$tmp/cg1"
ok "cgroups --top 1: a smaller one at 40% of its limit has its own too" sh -c \
	"grep -q '^memscope_cgroup_usage_bytes{path=\"/memscope-test\"} 104857600\$' '$tmp/cg1' &&
	grep -q '^memscope_cgroup_limit_bytes{path=\"/memscope-test\",limit=\"max\"} ' '$tmp/cg1'"
"$MS" -b --format openmetrics --top 1 --root $FIX/edge-cgroup-v2 > "$tmp/cg2"
ok "cgroups --top 1: the nearest its limit of the rest, not the unlimited" sh -c \
	"grep -q '^memscope_cgroup_usage_bytes{path=\"/system.slice/app.service\"} ' '$tmp/cg2' &&
	[ \$(grep -c '^memscope_cgroup_usage_bytes' '$tmp/cg2') = 3 ] &&
	grep -q '^memscope_cgroup_usage_bytes{path=\"other\"} 1048576\$' '$tmp/cg2'"
"$MS" -b --format openmetrics --top 0 --root $FIX/edge-cgroup-v1 > "$tmp/cg0"
ok "cgroups --top 0: only other" test "$(series "$tmp/cg0" memscope_cgroup_usage_bytes)" -eq 1

# a recording played back (--replay): the same exposition, no kernel
"$MS" -b -n 2 -d 0.1 --root "$R2" --record "$tmp/rec" > /dev/null
"$MS" -b -n 2 --replay "$tmp/rec" --format openmetrics > "$tmp/omr"
ok "replay: strict" strict "$tmp/omr"
ok "replay: backend named" grep -q '^memscope_source_info{section="buddy",backend="replay"} 1$' "$tmp/omr"
ok "replay: node 1 free blocks as recorded from the tree" eq "$tmp/omr" \
	'memscope_buddy_free_blocks{node="1",zone="Normal",order="10"}' \
	"$(awk '$2 == "1," && $4 == "Normal" { print $15 }' "$R2/proc/buddyinfo")"
no "replay of a capture: no rates" grep -q '^memscope_vmstat_events_per_second' "$tmp/omr"
"$MS" -b -n 2 -d 0.2 --tab reclaim --record "$tmp/recl" > /dev/null
"$MS" -b -n 2 --replay "$tmp/recl" --format openmetrics > "$tmp/omrl"
ok "replay: rates between the recorded samples" grep -q '^memscope_vmstat_events_per_second{item="pgfault"} ' "$tmp/omrl"

# the physical memory map: blocks per zone and kind (the synthetic flags)
"$MS" -b --format openmetrics --tab buddy --physmap --root "$FIX/census-synth" > "$tmp/pm" 2>/dev/null
ok "physmap: strict parser accepts it" strict "$tmp/pm"
ok "physmap: promtool accepts the prometheus form" sh -c "'$MS' -b --format prometheus --tab buddy --physmap --root '$FIX/census-synth' | promtool check metrics"
ok "physmap: Normal's THP blocks" eq "$tmp/pm" 'memscope_physmap_blocks{node="0",zone="Normal",kind="thp"}' 2
ok "physmap: every kind of every zone" test "$(grep -c '^memscope_physmap_blocks{' "$tmp/pm")" -eq 26

# live: two samples, so rates are there (and BPF ones with the backend)
"$MS" -b --format openmetrics -n 2 -d 0.5 > "$tmp/live" 2> "$tmp/live.err"
ok "live: strict parser accepts it" strict "$tmp/live"
ok "live: promtool accepts the prometheus form" sh -c "'$MS' -b --format prometheus > '$tmp/livep' && promtool check metrics < '$tmp/livep'"
ok "live: free blocks of every zone in buddyinfo" test \
	"$(grep -c '^memscope_buddy_free_blocks{.*order="0"}' "$tmp/live")" -eq "$(wc -l < /proc/buddyinfo)"
ok "live: pgfault rate" grep -q '^memscope_vmstat_events_per_second{item="pgfault"} ' "$tmp/live"
if grep -q 'section="buddy_events",backend="bpf"' "$tmp/live"; then
	ok "live bpf: page allocation rates per order" grep -q '^memscope_bpf_page_allocs_per_second{order="0"} ' "$tmp/live"
fi
finish
