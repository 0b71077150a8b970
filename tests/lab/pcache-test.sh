#!/bin/sh
# Lab VM guest script: the page cache's events (memscope's pcache BPF
# group) on the kernel this VM booted, as tests/cli/test_pcache_events.sh
# on the host: a 64 MiB file with a hostile name written and closed on a
# ramfs (its pages go through filemap_add_folio, as a disk filesystem's)
# is listed by name with its pages added; removing it counts them removed;
# nothing stays attached. Needs /bin/memscope and /bin/jq. Run from the
# host: tests/lab/vm.sh -k 6.1 -b build/memscope -b "$(command -v jq)"
# -r tests/lab/pcache-test.sh. Ends with "N passed, N failed".
set -u
pass=0 fail=0 ms=""

check() {
	d=$1
	shift
	if "$@"; then
		pass=$((pass + 1))
		echo "ok   - $d"
	else
		fail=$((fail + 1))
		echo "FAIL - $d"
	fi
}

# lines FILE N: wait until FILE has N lines (the guest under TCG is slow:
# up to 120 s)
lines() {
	i=0
	while [ "$( (wc -l <"$1") 2>/dev/null || echo 0)" -lt "$2" ] &&
		[ $i -lt 1200 ]; do
		sleep 0.1
		i=$((i + 1))
	done
}

echo "pcache: $(uname -r)"
mkdir -p /mnt/pc && mount -t ramfs pc /mnt/pc || exit 2
name=$(printf 'pc\nnew\377ev.dat')
memscope -b -d 1 --json --tab memory >/out/pc.json 2>/out/pc.err &
ms=$!
lines /out/pc.json 1
check "pagecache_events from bpf" sh -c \
	'tail -n 1 /out/pc.json | jq -e ".sources.pagecache_events == \"bpf\"" >/dev/null'
dd if=/dev/zero of="/mnt/pc/$name" bs=1M count=64 2>/dev/null
ino=$(ls -i /mnt/pc | awk '{ print $1; exit }')
n=$(wc -l </out/pc.json)
lines /out/pc.json $((n + 2))
tail -n 1 /out/pc.json >/out/a.json
row() {
	jq -e --argjson i "$ino" "[.memory.files[] | select(.ino == \$i)][0] | $1" \
		/out/a.json >/dev/null
}
check "the closed file listed, events, >= 62 MiB added" \
	row '.method == "events" and .added_kb >= 63488 and .cached_kb >= 63488'
check "by its name, escaped" \
	row '.path == "/mnt/pc/pc\\x0anew\\xffev.dat" and (.name_partial | not)'
removed=$(jq '.memory.files_events_removed_kb' /out/a.json)
rm -f "/mnt/pc/$name"
n=$(wc -l </out/pc.json)
lines /out/pc.json $((n + 2))
tail -n 1 /out/pc.json >/out/b.json
check "removed: >= 62 MiB more" jq -e --argjson r "$removed" \
	'.memory.files_events_removed_kb - $r >= 63488' /out/b.json >/dev/null
kill -INT $ms
wait $ms
check "memscope exits 0 on SIGINT" test $? = 0
check "no BPF program left" sh -c \
	'! cat /proc/[0-9]*/fdinfo/* 2>/dev/null | grep -q "^prog_id"'
umount /mnt/pc
echo "$pass passed, $fail failed"
[ $fail = 0 ]
