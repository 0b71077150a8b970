# The slab Free/s invariant (issue 12 item 1), of memscope -b --json --tab
# slab samples read with jq -s -r: per interval (sample i against i-1) and
# busy cache (1,000 allocations or more) one line "I NAME ALLOCS FREES
# CHANGE TOLERANCE SOURCE ok|off": allocations and frees in the interval,
# the change of active objects, the stated tolerance (per second) and the
# source of the frees, and whether (alloc - free) * dt - change is within
# the tolerance. tests/hostile/test_slabfree.sh and tests/lab/kernel-test.sh.
. as $s | range(1; length) as $i | $s[$i].slab.events_interval_s
as $dt | $s[$i].slab.caches[] | . as $c |
($s[$i - 1].slab.caches[] | select(.name == $c.name) | .active_objs)
as $pa | select(.alloc_rate * $dt >= 1000 and .active_objs != null) |
(if .free_rate == null then null
 else (.alloc_rate - .free_rate) * $dt - (.active_objs - $pa) end) as $r |
[$i, .name, (.alloc_rate * $dt | floor),
 (if .free_rate == null then "null" else .free_rate * $dt | floor end),
 (.active_objs - $pa), (.free_rate_tolerance // "null"),
 (.free_source // "null"),
 (if .free_rate_tolerance != null and $r != null and
     ($r | fabs) <= .free_rate_tolerance * $dt
  then "ok" else "off" end)] | map(tostring) | join(" ")
