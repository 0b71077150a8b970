#!/bin/sh
# Which files hold the page cache (section pagecache_files, JSON
# memory.files[]), live as root: a 64 MiB file read into the cache and held
# open by a helper process is listed with cached_kb >= 60 MiB in JSON, text
# and OpenMetrics, its hostile name (newline, ESC, invalid UTF-8) escaped
# everywhere; after POSIX_FADV_DONTNEED it drops; unlinked it says
# (deleted); as nobody only nobody's own processes are seen, and the
# output says so. Ordered by the helper's acks, never by the clock.
cd "$(dirname "$0")/../.." || exit 2
. tests/lib.sh
if [ "$(id -u)" != 0 ]; then
	echo "ok   - skipped: needs root (other processes' files, nobody)"
	finish
	exit
fi
# on the disk the build tree is on: tmpfs keeps pages whatever we advise
tmp=$(mktemp -d "$PWD/build/pcache-XXXXXX")
chmod 755 "$tmp"
hpid=
cleanup() {
	exec 3>&-
	[ -n "$hpid" ] && kill "$hpid" 2>/dev/null
	wait
	[ -n "$KEEP" ] || rm -rf "$tmp"
}
trap cleanup EXIT

# the helper: makes the file, reads it into the cache and holds it open;
# "d" drops its pages (POSIX_FADV_DONTNEED), "r" reads it again, "u"
# unlinks it; acks each command with a line
mkfifo "$tmp/cmd"
python3 -c '
import os, sys
d = sys.argv[1]
name = os.path.join(os.fsencode(d), b"pc\nnew\x1b[31mline\xff.dat")
fd = os.open(name, os.O_RDWR | os.O_CREAT, 0o644)
# a second file 4 KiB of name deep: 15 directories of 250 bytes
deep = os.fsencode(d)
for i in range(15):
    deep = os.path.join(deep, b"\x1b" + (b"%02d" % i) * 124 + b"\xfe")
os.makedirs(deep)
longname = os.path.join(deep, b"end-of-the-long-name")
lfd = os.open(longname, os.O_RDWR | os.O_CREAT, 0o644)
os.write(lfd, b"y" * (1 << 20))
os.pread(lfd, 1 << 20, 0)
blk = b"x" * (1 << 20)
for i in range(64):
    os.write(fd, blk)
os.fsync(fd)
def read_all():
    for i in range(64):
        os.pread(fd, 1 << 20, i << 20)
read_all()
print(os.fstat(fd).st_ino, flush=True)
for line in sys.stdin:
    c = line[0]
    if c == "d":
        os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
    elif c == "r":
        read_all()
    elif c == "u":
        os.unlink(name)
    print(c, flush=True)
' "$tmp" <"$tmp/cmd" >"$tmp/ack" &
hpid=$!
exec 3>"$tmp/cmd"
wait_lines "$tmp/ack" 1 1200
ino=$(head -n 1 "$tmp/ack")
acks=1
# cmd C: the helper does C and acks it
cmd() {
	echo "$1" >&3
	acks=$((acks + 1))
	wait_lines "$tmp/ack" $acks 1200
}

# the helper's file in a JSON sample
file() { # file JSON FILTER: FILTER holds of the helper's file
	jq -e --argjson i "$ino" \
		"[.memory.files[] | select(.ino == \$i)][0] | $2" "$1" >/dev/null
}
sample() { "$MS" -b -n 1 --json --tab memory >"$1" 2>"$1.err"; }

sample "$tmp/a.json"
ok "--tab memory samples pagecache_files" \
	jq -e '.sources.pagecache_files == "procfs"' "$tmp/a.json"
ok "the held 64 MiB file is listed with >= 60 MiB cached" \
	file "$tmp/a.json" '.cached_kb >= 61440'
ok "with its size, dirty and writeback (cachestat) or null (mincore)" \
	file "$tmp/a.json" '.size_kb == 65536 and (.dirty_kb == null or .dirty_kb >= 0)'
ok "its holder is the helper, one process" \
	file "$tmp/a.json" ".pid == $hpid and .holders == 1 and .comm == \"python3\""
ok "its name escaped: \\\\x0a, \\\\x1b, \\\\xff, no raw control byte" \
	file "$tmp/a.json" '.path | endswith("/pc\\x0anew\\x1b[31mline\\xff.dat")'
ok "not deleted" file "$tmp/a.json" '.deleted == false'
ok "a 4 KiB name listed whole, escaped (\\x1b, \\xfe)" jq -e '
	[.memory.files[].path | select(endswith("/end-of-the-long-name"))][0] |
	(length > 3800) and (split("\\x1b") | length) == 16 and
	(split("\\xfe") | length) == 16' "$tmp/a.json"
ok "a full pass by every process, its totals and coverage" \
	jq -e '.memory | .files_complete and .files_all_processes and
		.files_found >= 1 and .files_cached_kb >= 61440 and
		.files_meminfo_cached_kb > 0 and .files_coverage_pct > 0 and
		(.files | length) <= 50' "$tmp/a.json"
ok "sorted by cached_kb" \
	jq -e '[.memory.files[].cached_kb // -1] | . == (sort | reverse)' \
	"$tmp/a.json"
ok "the method named" \
	jq -e '.memory.files_method | . == "cachestat" or . == "mincore"' \
	"$tmp/a.json"
# before 6.5 (the lab's 6.1) there is no cachestat: valgrind does not
# know the call either (ENOSYS), so under it the mincore() path runs here
if command -v valgrind >/dev/null; then
	valgrind -q --error-exitcode=9 "$MS" -b -n 1 --json --tab memory \
		>"$tmp/v.json" 2>"$tmp/v.err"
	vrc=$?
	ok "without cachestat (valgrind): mincore finds the file's 60 MiB" \
		file "$tmp/v.json" '.cached_kb >= 61440 and .method == "mincore" and .dirty_kb == null'
	ok "without cachestat: the method says mincore, no memory error" \
		sh -c "[ $vrc = 0 ] && jq -e '.memory.files_method == \"mincore\"' '$tmp/v.json'"
else
	ok "skipped: no valgrind to hide cachestat" true
fi

"$MS" -b -n 1 --tab memory >"$tmp/a.txt" 2>&1
ok "text: the file's row, name escaped" \
	grep -qF 'pc\x0anew\x1b[31mline\xff.dat' "$tmp/a.txt"
ok "text: the 4 KiB name's end" grep -q '/end-of-the-long-name$' "$tmp/a.txt"
no "text: no raw ESC or newline inside a name" \
	grep -q "$(printf '\033')" "$tmp/a.txt"
ok "text: says what it cannot find" grep -q 'no process holds' "$tmp/a.txt"

"$MS" -b -n 1 --format openmetrics --tab memory >"$tmp/a.om" 2>&1
ok "OpenMetrics: the file's cached bytes >= 60 MiB" sh -c "
	grep '^memscope_pagecache_file_cached_bytes{' '$tmp/a.om' |
	grep -F 'ino=\"$ino\"' | grep -F 'pc\\\\x0anew\\\\x1b[31mline\\\\xff.dat' |
	awk '{ exit !(\$NF >= 62914560) }'"
ok "OpenMetrics: at most --top (20) files" sh -c "
	[ \$(grep -c '^memscope_pagecache_file_cached_bytes{' '$tmp/a.om') -le 20 ]"
"$MS" -b -n 1 --format openmetrics --tab memory --top 3 >"$tmp/b.om" 2>&1
ok "OpenMetrics: --top 3 gives 3 files" sh -c "
	[ \$(grep -c '^memscope_pagecache_file_cached_bytes{' '$tmp/b.om') -le 3 ]"
ok "OpenMetrics: the totals" grep -q '^memscope_pagecache_files_cached_bytes ' "$tmp/a.om"
ok "OpenMetrics: a strict parser reads it, each series once" /usr/bin/python3 -c '
import sys
from prometheus_client.openmetrics.parser import text_string_to_metric_families
seen = set()
for fam in text_string_to_metric_families(open(sys.argv[1]).read()):
    for s in fam.samples:
        k = (s.name, tuple(sorted(s.labels.items())))
        assert k not in seen, k
        seen.add(k)
' "$tmp/a.om"
"$MS" -b -n 1 --format prometheus --tab memory >"$tmp/a.prom" 2>&1
ok "Prometheus text: promtool accepts it" sh -c "
	promtool check metrics <'$tmp/a.prom' >'$tmp/lint' 2>&1 && ! [ -s '$tmp/lint' ]"

cmd d
sample "$tmp/d.json"
ok "after POSIX_FADV_DONTNEED it drops below 4 MiB (or leaves the list)" \
	jq -e --argjson i "$ino" \
	'[.memory.files[] | select(.ino == $i)][0] | . == null or .cached_kb < 4096' \
	"$tmp/d.json"

cmd r
cmd u
sample "$tmp/u.json"
ok "unlinked and held: deleted, its name with (deleted), pages still cached" \
	file "$tmp/u.json" '.deleted and (.path | endswith(".dat (deleted)")) and .cached_kb >= 61440'

setpriv --reuid=nobody --regid=nogroup --clear-groups \
	"$MS" -b -n 1 --json --tab memory >"$tmp/n.json" 2>"$tmp/n.err"
ok "as nobody: not every process, and a note says so" \
	jq -e '(.memory.files_all_processes | not) and
		any(.unavailable[]; .what == "pagecache_files scope")' "$tmp/n.json"
ok "as nobody: root's helper's file is not listed" \
	jq -e --argjson i "$ino" '[.memory.files[] | select(.ino == $i)] == []' \
	"$tmp/n.json"

ok "a captured tree has none, and says why" sh -c "
	'$MS' -b -n 1 --json --tab memory --root $FIX/debian12-6.18 |
	jq -e '.memory.files == null and any(.unavailable[]; .what == \"pagecache_files\")'"
finish
