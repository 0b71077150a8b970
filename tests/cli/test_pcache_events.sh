#!/bin/sh
# The page cache's events (section pagecache_events, BPF, root): a 64 MiB
# file written and closed while memscope watches, held by nobody, is
# listed in memory.files[] by its name (hostile bytes escaped) with its
# pages added since attach, marked "events"; POSIX_FADV_DONTNEED counts
# them removed; the coverage keys say what each source explains; nothing
# stays attached after exit; text marks the row and says so in its title;
# OpenMetrics lists at most --top files. Ordered by the samples, never by
# the clock.
cd "$(dirname "$0")/../.." || exit 2
. tests/lib.sh
if ! bpf_live; then
	echo "ok   - skipped: needs root, kernel BTF and bpftool"
	finish
	exit
fi
# on the disk the build tree is on: tmpfs pages are shmem's, not traced
tmp=$(mktemp -d "$PWD/build/pcev-XXXXXX")
ms=""
cleanup() {
	[ -n "$ms" ] && kill "$ms" 2>/dev/null
	wait
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

"$MS" -b -n 1 --json --tab memory >"$tmp/one.json" 2>/dev/null
ok "a one-shot: the events need two samples" jq -e '[.unavailable[] |
	select(.what == "pagecache_events")][0].why ==
	"needs two samples (-n 2 or more)"' "$tmp/one.json"
"$MS" -b -n 2 -d 0.2 --json --tab memory 2>/dev/null | tail -n 1 >"$tmp/two.json"
if ! jq -e '.sources.pagecache_events == "bpf"' "$tmp/two.json" >/dev/null; then
	echo "# skipped the live checks: $(jq -c .unavailable "$tmp/two.json")"
	finish
	exit
fi

# memscope attached first (its first sample printed), then the file
"$MS" -b -d 0.3 --json --tab memory >"$tmp/live.json" 2>"$tmp/live.err" &
ms=$!
wait_lines "$tmp/live.json" 1 300
p=$(ids $ms)
ok "attached: the pcache group's two programs (and others' none)" \
	test "$(echo "$p" | wc -w)" = 2
# write 64 MiB, flush it, close it: nobody holds it afterwards
ino=$(python3 -c '
import os, sys
name = os.path.join(os.fsencode(sys.argv[1]), b"pc\nnew\xffev.dat")
fd = os.open(name, os.O_RDWR | os.O_CREAT, 0o644)
blk = b"x" * (1 << 20)
for i in range(64):
    os.write(fd, blk)
os.fsync(fd)
print(os.fstat(fd).st_ino)
os.close(fd)
' "$tmp")
n=$(nlines "$tmp/live.json")
wait_lines "$tmp/live.json" $((n + 2)) 300
tail -n 1 "$tmp/live.json" >"$tmp/a.json"
file() { # file JSON FILTER: FILTER holds of the file's row
	jq -e --argjson i "$ino" \
		"[.memory.files[] | select(.ino == \$i)][0] | $2" "$1" >/dev/null
}
# Some of its pages may have gone already, counted removed: a machine's
# DAMON pageout scheme (this one's takes cold unmapped page cache, 1 MiB
# at a time, seconds after it was written) or reclaim. What the events saw
# added is all of it, and what is cached is what was added less that.
ok "the closed file is listed, marked events, >= 62 MiB added" \
	file "$tmp/a.json" '.method == "events" and .added_kb >= 63488 and
		.cached_kb + .removed_kb >= 63488 and .cached_kb > 0 and
		.holders == 0'
ok "by its name, escaped (\\x0a, \\xff), whole" \
	file "$tmp/a.json" '(.path | endswith("/pc\\x0anew\\xffev.dat")) and
		((.name_partial | not) and (.path | startswith("/")) or
		 .name_partial and (.path | startswith(".../")))'
ok "its size from the inode (as its last page came: >= 62 MiB)" \
	file "$tmp/a.json" '.size_kb >= 63488 and .size_kb <= 65536'
ok "the memcg charged, named where its id is known" \
	file "$tmp/a.json" '.memcg_id == null or (.memcg | type == "string")'
c=$(jq --argjson i "$ino" '[.memory.files[] | select(.ino == $i)][0].cached_kb // 0' \
	"$tmp/a.json")
ok "the coverage: exact, events since attach, the rest of Cached" \
	jq -e --argjson c "$c" '.memory | .files_measured >= 0 and .files_events_files >= 1 and
		.files_events_cached_kb >= $c and .files_events_since_s > 0 and
		.files_events_capacity == 16384 and .files_events_tracked >= 1 and
		.files_events_added_kb >= 63488 and
		.files_unattributed_kb + .files_cached_kb +
		.files_events_cached_kb >= .files_meminfo_cached_kb' "$tmp/a.json"
ok "no more than 50 files listed, biggest first" jq -e '
	(.memory.files | length) <= 50 and
	([.memory.files[].cached_kb // -1] | . == (sort | reverse))' "$tmp/a.json"
removed=$(jq '.memory.files_events_removed_kb' "$tmp/a.json")

# drop its pages: the events see them go
python3 -c '
import os, sys
fd = os.open(os.path.join(os.fsencode(sys.argv[1]), b"pc\nnew\xffev.dat"), os.O_RDONLY)
os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
os.close(fd)
' "$tmp"
n=$(nlines "$tmp/live.json")
wait_lines "$tmp/live.json" $((n + 2)) 300
tail -n 1 "$tmp/live.json" >"$tmp/b.json"
ok "POSIX_FADV_DONTNEED: what was cached ($c KiB) removed" \
	jq -e --argjson r "$removed" --argjson c "$c" \
	'$c > 0 and .memory.files_events_removed_kb - $r >= $c' "$tmp/b.json"
ok "... and the file is no longer listed with them" jq -e --argjson i "$ino" \
	'[.memory.files[] | select(.ino == $i and .cached_kb >= 4096)] | length == 0' \
	"$tmp/b.json"
ms_stop

# text: a second closed file, its name escaped, its row marked events
samples() {
	c=$(grep -c '^memscope ' "$1" 2>/dev/null)
	echo "${c:-0}"
}
"$MS" -b -d 0.3 --tab memory >"$tmp/live.txt" 2>/dev/null &
ms=$!
i=0
while [ "$(samples "$tmp/live.txt")" -lt 1 ] && [ $i -lt 300 ]; do
	sleep 0.1
	i=$((i + 1))
done
p=$(ids $ms)
python3 -c '
import os, sys
fd = os.open(os.path.join(os.fsencode(sys.argv[1]), b"pc\nnew\xfftext.dat"),
             os.O_RDWR | os.O_CREAT, 0o644)
os.write(fd, b"t" * (8 << 20))
os.close(fd)
' "$tmp"
n=$(($(samples "$tmp/live.txt") + 2))
i=0
while [ "$(samples "$tmp/live.txt")" -lt $n ] && [ $i -lt 300 ]; do
	sleep 0.1
	i=$((i + 1))
done
ms_stop
text_sample $n "$tmp/live.txt" >"$tmp/last.txt"
ok "text: the file's row, escaped, method events" \
	grep -q ' events .*/pc\\x0anew\\xfftext\.dat$' "$tmp/last.txt"
ok "text: the title says the events' files are there" \
	grep -q "^Page cache by file .*events saw since attach" "$tmp/last.txt"

# OpenMetrics: the files' families bounded by --top
"$MS" -b -n 2 -d 0.2 --format openmetrics --tab memory --top 3 \
	>"$tmp/om.txt" 2>/dev/null
ok "OpenMetrics: at most --top 3 files per family" sh -c \
	"[ \$(grep -c '^memscope_pagecache_file_cached_bytes{' '$tmp/om.txt') -le 3 ] &&
	 grep -q '^memscope_pagecache_files_unattributed_bytes ' '$tmp/om.txt'"
finish
