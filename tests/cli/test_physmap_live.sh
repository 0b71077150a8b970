#!/bin/sh
# The physical memory map on this machine's kernel (root, /proc/kpageflags;
# issue 15's tests): a process touching 2 GiB of anonymous memory turns at
# least 800 more pageblocks' dominant kind anonymous; dropping the page
# cache of a 512 MiB file turns file blocks free; and the map agrees with
# the ledger's census of the same sample (blocks per zone, each kind's
# pages). Each figure is a batch sample (a whole pass), before and after.
cd "$(dirname "$0")/../.." || exit 2
. tests/lib.sh
# under build/, not /tmp: the page cache test needs a disk's file, and
# /tmp may be a tmpfs (shmem, which dropping caches leaves)
mkdir -p build
tmp=$(mktemp -d build/physmap-live.XXXXXX)
gpid=
cleanup() {
	exec 3>&- 2>/dev/null
	[ -n "$gpid" ] && kill "$gpid" 2>/dev/null
	wait
	rm -rf "$tmp"
}
trap cleanup EXIT

if [ "$(id -u)" != 0 ] || [ ! -r /proc/kpageflags ]; then
	skip "not root, or no /proc/kpageflags: no map to test"
	finish
	exit
fi

# map FILE: one batch sample with the map and the census
map() {
	"$MS" -b -n 1 --json --tab memory --physmap >"$1" 2>"$1.err"
}

# blocks FILE KIND...: the map's blocks of those kinds, all zones
blocks() {
	f=$1
	shift
	jq --arg k "$*" '[.physmap.zones[].counts as $c |
		($k | split(" "))[] | $c[.] // 0] | add' "$f"
}

ok "a sample with the map" map "$tmp/a.json"

# the map and the census of one sample: as many blocks as the zone's
# pages fill, and the pages not yet handed to the buddy allocator
ok "map and census: each zone's blocks cover its pages" jq -e '
	[.memory.census.zones[] as $z | .physmap.zones[] |
	 select(.node == $z.node and .zone == $z.zone) |
	 (.blocks | length) == (($z.pages + .pageblock_pages - 1) /
				.pageblock_pages | floor)] |
	length > 0 and all' "$tmp/a.json"
# The map and the census of one pass: a block of a kind holds at least
# half its pages of that kind (a deferred one all of them without flags),
# in every zone without holes (2 blocks of slack for a zone's partial
# first and last). Not against zoneinfo's present - managed: a kernel that
# hands memory to the buddy allocator lazily (this machine's
# deferred_init=lazy) moves it while a pass runs.
ok "map and census of one pass: each kind's blocks hold its pages" jq -e '
	[.memory.census.zones[] as $z | .physmap.zones[] |
	 select(.node == $z.node and .zone == $z.zone and
		.counts.hole == 0) |
	 .pageblock_pages as $p | .counts as $c | $z.kinds as $k |
	 ($k.noflags + 2 * $p >= $c.deferred * $p) and
	 ($k.free + 2 * $p >= $c.free * $p / 2) and
	 ($k.anon + 2 * $p >= $c.anon * $p / 2) and
	 ($k.file + $k.shmem + 2 * $p >= $c.file * $p / 2) and
	 ($k.slab + 2 * $p >= $c.slab * $p / 2)] |
	length > 0 and all' "$tmp/a.json"

# 2 GiB of private anonymous memory, every page written (4 KiB pages
# or THP: both are anonymous; Python's default is shared memory, shmem)
mkfifo "$tmp/go"
python3 -c '
import mmap, sys
m = mmap.mmap(-1, 2 << 30, flags=mmap.MAP_PRIVATE)
for i in range(0, 2 << 30, 4096):
    m[i] = 1
print("ready", flush=True)
sys.stdin.read()
' <"$tmp/go" >"$tmp/ready" &
gpid=$!
exec 3>"$tmp/go"
ok "a process writes 2 GiB" wait_lines "$tmp/ready" 1 1200
ok "a sample while it holds them" map "$tmp/b.json"
a=$(blocks "$tmp/a.json" anon thp)
b=$(blocks "$tmp/b.json" anon thp)
echo "# anonymous blocks: $a, then $b"
ok "at least 800 more blocks anonymous (2 GiB is 1024)" \
	test "$((b - a))" -ge 800
exec 3>&-
kill "$gpid" 2>/dev/null
wait "$gpid" 2>/dev/null
gpid=

# 512 MiB of page cache, clean, then dropped. Page cache in large folios
# (6.18's filesystems) reads as THP (KPF_THP: docs/json.md), so its blocks
# are file or thp blocks (the anonymous 2 GiB are gone by then)
dd if=/dev/zero of="$tmp/cache" bs=1M count=512 conv=fsync 2>/dev/null
cat "$tmp/cache" >/dev/null
ok "a sample with 512 MiB more page cache" map "$tmp/c.json"
echo 1 >/proc/sys/vm/drop_caches
ok "a sample after dropping the caches" map "$tmp/d.json"
c=$(blocks "$tmp/c.json" file thp)
d=$(blocks "$tmp/d.json" file thp)
fc=$(blocks "$tmp/c.json" free)
fd=$(blocks "$tmp/d.json" free)
echo "# file and thp blocks: $c, then $d; free blocks: $fc, then $fd"
ok "dropping the caches: at least 64 file blocks fewer (512 MiB is 256)" \
	test "$((c - d))" -ge 64
ok "... and at least 64 free blocks more" test "$((fd - fc))" -ge 64
finish
