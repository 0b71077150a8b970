#!/bin/sh
# The Memory area's ledger against the live kernel (issue 13; root): known
# amounts of anonymous memory, slab, hugetlb pool and tmpfs are made and
# undone, and each lands in its bucket of `memory.ledger` while
# `unexplained` stays put; pipe buffers, which no counter names, land in
# `unexplained`; every sample partitions exactly. Leaves nothing
# behind: the helper process, the files, the tmpfs mount and
# vm.nr_hugepages as it was, on every way out.
. tests/lib.sh
H=${H:-build/hostile/hostile}
[ -x "$H" ] || ${MAKE:-make} --no-print-directory "$H" >/dev/null 2>&1
[ -x "$H" ] || { echo "FAIL - helper missing: make $H"; exit 1; }
if [ "$(id -u)" != 0 ]; then
	echo "# skipped: hugetlb pools and mounts need root"
	finish
	exit
fi

# Tolerances (kB). The machine runs other work meanwhile, so a bucket
# moves by what was done plus what others did in the second or two
# between two samples: 0.9 of a known amount is asked, not all of it, and
# a scenario whose checks fail is tried again, up to TRIES times (a wrong
# ledger fails every time). `unexplained` may move by less than 64 MiB
# (the issue's figure: per-CPU page lists, which no counter shows, hold a
# few MiB per CPU and fill and drain as pages are freed). A hugetlb pool
# is the kernel's own count: exact.
GIB=1048576
ANON_MIN=$((GIB * 9 / 10))
UNEXP_MAX=65536
SHM_KB=262144
SHM_MIN=$((SHM_KB * 9 / 10))
FILES=100000
# a dentry (192 bytes) per file at least; inodes come on top
SLAB_MIN=$((FILES * 192 / 1024))
HUGE_N=64
TRIES=${TRIES:-3}

HP=/sys/kernel/mm/hugepages/hugepages-2048kB/nr_hugepages
tmp=$(mktemp -d)
holder="" mnt=""
hp_was=$(cat $HP)
# every way out: the helper killed, the tmpfs unmounted, the pool as it
# was, the files gone
cleanup() {
	[ -n "$holder" ] && kill "$holder" 2>/dev/null && wait "$holder" 2>/dev/null
	holder=""
	[ -n "$mnt" ] && umount "$mnt" && mnt=""
	[ "$(cat $HP)" = "$hp_was" ] || echo "$hp_was" >$HP
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

# sample NAME: one batch sample into $tmp/NAME.json; its partition checked
samples=0 bad=""
sample() {
	"$MS" -b -n 1 --json --tab memory >"$tmp/$1.json" 2>"$tmp/$1.err" ||
		bad="$bad $1"
	samples=$((samples + 1))
	partition "$tmp/$1.json" || bad="$bad $1"
}

# the contract (ledger.jq): exact partition, children sum to parents
partition() {
	jq -e -f tests/cli/ledger.jq "$1" >/dev/null 2>&1
}

# kb NAME BUCKET: the top-level bucket's kB in sample NAME
kb() {
	jq -r --arg b "$2" '[.memory.ledger[] | select(.name == $b and
		.parent == null)][0].kb // "none"' "$tmp/$1.json"
}

# moved BUCKET FROM TO: how far BUCKET moved from sample FROM to TO
moved() {
	a=$(kb "$2" "$1") b=$(kb "$3" "$1")
	case $a$b in *none*) echo none ;; *) echo $((b - a)) ;; esac
}

abs() { case $1 in -*) echo "${1#-}" ;; *) echo "$1" ;; esac; }
ge() { [ "$1" != none ] && [ "$1" -ge "$2" ]; }
small() { [ "$1" != none ] && [ "$(abs "$1")" -lt "$UNEXP_MAX" ]; }

# checks: name/condition pairs of a scenario's try, evaluated together:
# all_ok says whether every one holds; report prints them as checks.
checks=""
want() { checks="$checks$1|$2
"; }
all_ok() {
	echo "$checks" | while IFS='|' read -r d c; do
		[ -z "$d" ] || eval "$c" || exit 1
	done
}
report() {
	echo "$checks" | while IFS='|' read -r d c; do
		[ -z "$d" ] && continue
		if eval "$c"; then echo "ok   - $d"; else echo "FAIL - $d"; fi
	done >"$tmp/report"
	cat "$tmp/report"
	T_PASS=$((T_PASS + $(grep -c '^ok' "$tmp/report")))
	T_FAIL=$((T_FAIL + $(grep -c '^FAIL' "$tmp/report")))
	checks=""
}
# deltas FROM TO: every top-level bucket that moved between two samples
deltas() {
	jq -n -r --slurpfile a "$tmp/$1.json" --slurpfile b "$tmp/$2.json" \
		'($a[0].memory.ledger | map(select(.parent == null) |
		  {key: .name, value: .kb}) | from_entries) as $was |
		 [$b[0].memory.ledger[] | select(.parent == null) |
		  "\(.name) \(.kb - ($was[.name] // 0))"] |
		 map(select(endswith(" 0") | not)) | join(", ")'
}
# scenario NAME: run NAME (which samples, sets $span to its first and
# second sample and calls want) until its checks all hold or TRIES times,
# then report the last try's checks. A try that fails says which checks
# and how every bucket moved, so the log shows who else moved memory.
scenario() {
	t=1
	while :; do
		checks=""
		"$1"
		all_ok && break
		echo "$checks" | while IFS='|' read -r d c; do
			[ -z "$d" ] || eval "$c" || echo "# $1: try $t: not $d"
		done
		echo "# $1: try $t: moved (kB) $(deltas $span)"
		[ $t -ge "$TRIES" ] && break
		t=$((t + 1))
	done
	report
}

# the contract, on an idle sample
sample idle
ok "a sample has memory.physical_kb, total_kb and ledger[]" jq -e \
	'.memory | (.physical_kb > 0) and (.total_kb > 0) and
	 (.total_kb <= .physical_kb) and (.ledger | length > 0)' \
	"$tmp/idle.json"
ok "the top level has free, file, shmem, anon, slab, kernel_stack, page_tables, vmalloc, percpu, hugetlb, reserved, unexplained" \
	jq -e '[.memory.ledger[] | select(.parent == null) | .name] as $n |
	 ["free", "file", "shmem", "anon", "slab", "kernel_stack",
	  "page_tables", "vmalloc", "percpu", "hugetlb", "reserved",
	  "unexplained"] | all(. as $w | $n | index([$w]))' "$tmp/idle.json"
jq -r '.memory.ledger[] | select(.parent == null) |
	"# \(.name) \(.kb) kB"' "$tmp/idle.json" 2>/dev/null

# 1 GiB of anonymous memory, every page written, held, then freed.
anon() {
	sample anon0
	: >"$tmp/anon.out"
	"$H" anon 1024 >"$tmp/anon.out" 2>&1 &
	holder=$!
	# however slow the machine: until the helper says it is ready
	while ! grep -q '^ready ' "$tmp/anon.out" &&
		kill -0 "$holder" 2>/dev/null; do
		sleep 0.1
	done
	sample anon1
	kill "$holder" && wait "$holder" 2>/dev/null
	holder=""
	sample anon2
	up=$(moved anon anon0 anon1) down=$(moved anon anon2 anon1)
	u1=$(moved unexplained anon0 anon1) u2=$(moved unexplained anon1 anon2)
	span="anon0 anon1"
	echo "# anon: +$up kB held, -$down kB freed; unexplained $u1, $u2 kB"
	want "anon: 1 GiB held moves anon up by >= 0.9 GiB ($up kB)" \
		"ge '$up' $ANON_MIN"
	want "anon: ... and unexplained by < 64 MiB ($u1 kB)" "small '$u1'"
	want "anon: freed, anon goes down by >= 0.9 GiB ($down kB)" \
		"ge '$down' $ANON_MIN"
	want "anon: ... and unexplained moves by < 64 MiB ($u2 kB)" \
		"small '$u2'"
}

# 100,000 empty files in a new directory of $tmp/files each try:
# dentries and inodes. Kept until the scenario ends: objects freed stay in
# their slab pages, and a second try would reuse them without slab growing.
slab() {
	sample slab0
	d=$tmp/files/$t
	mkdir -p "$d"
	seq "$FILES" | sed "s|^|$d/f|" | xargs touch
	n=$(ls "$d" | wc -l)
	sample slab1
	span="slab0 slab1"
	up=$(moved slab slab0 slab1) u=$(moved unexplained slab0 slab1)
	echo "# slab: $n files, slab +$up kB, unexplained $u kB"
	want "slab: $FILES files created" "[ $n = $FILES ]"
	want "slab: they move slab up by >= $SLAB_MIN kB ($up kB)" \
		"ge '$up' $SLAB_MIN"
	want "slab: ... and unexplained by < 64 MiB ($u kB)" "small '$u'"
}

# 64 more 2 MiB pages in the hugetlb pool, then the pool as it was.
hugetlb() {
	sample huge0
	echo $((hp_was + HUGE_N)) >$HP
	got=$(($(cat $HP) - hp_was))
	sample huge1
	echo "$hp_was" >$HP
	back=$(cat $HP)
	sample huge2
	up=$(moved hugetlb huge0 huge1) down=$(moved hugetlb huge2 huge1)
	u=$(moved unexplained huge0 huge1)
	span="huge0 huge1"
	echo "# hugetlb: pool +$got pages, hugetlb +$up kB, -$down kB" \
		"after; unexplained $u kB"
	want "hugetlb: the kernel gave $HUGE_N pages of 2 MiB ($got)" \
		"[ $got = $HUGE_N ]"
	want "hugetlb: the pool moves hugetlb up by exactly its size ($up kB)" \
		"[ '$up' = $((got * 2048)) ]"
	want "hugetlb: ... and unexplained by < 64 MiB ($u kB)" "small '$u'"
	want "hugetlb: the pool put back, hugetlb down as much ($down kB)" \
		"[ $back = $hp_was ] && [ '$down' = '$up' ]"
}

# A 256 MiB file in a tmpfs mounted for it, then unmounted.
shmem() {
	mnt=$tmp/shm
	mkdir -p "$mnt"
	mount -t tmpfs -o size=300m memscope-test "$mnt" || mnt=""
	sample shm0
	dd if=/dev/zero of="$mnt/file" bs=1M count=$((SHM_KB / 1024)) \
		2>/dev/null
	sz=$(du -k "$mnt/file" | cut -f1)
	sample shm1
	umount "$mnt" && mnt=""
	sample shm2
	up=$(moved shmem shm0 shm1) down=$(moved shmem shm2 shm1)
	u=$(moved unexplained shm0 shm1)
	span="shm0 shm1"
	echo "# shmem: a $sz kB file, shmem +$up kB, -$down kB after;" \
		"unexplained $u kB"
	want "shmem: a 256 MiB file in a tmpfs of its own ($sz kB)" \
		"[ '$sz' = $SHM_KB ]"
	want "shmem: it moves shmem up by >= 0.9 of it ($up kB)" \
		"ge '$up' $SHM_MIN"
	# counted once: shmem is in Cached and on the anon LRU, so a file or
	# anon bucket counting it too would take it out of unexplained
	want "shmem: ... and unexplained by < 64 MiB ($u kB)" "small '$u'"
	want "shmem: unmounted, shmem down by >= 0.9 of it ($down kB)" \
		"ge '$down' $SHM_MIN"
}

# 256 MiB held in 4,096 pipes of 64 KiB: pages the kernel counts in no
# meminfo line, so they land in unexplained (tests/cli/test_attrib.sh
# names their call site), and leave it when the pipes close.
PIPES=4096
PIPE_MIN=$((PIPES * 64 - UNEXP_MAX))
pipes() {
	sample pipe0
	: >"$tmp/pipes.out"
	"$H" pipes $PIPES >"$tmp/pipes.out" 2>&1 &
	holder=$!
	while ! grep -q '^ready ' "$tmp/pipes.out" &&
		kill -0 "$holder" 2>/dev/null; do
		sleep 0.1
	done
	held=$(awk '/^ready/ { print $3 }' "$tmp/pipes.out")
	sample pipe1
	kill "$holder" && wait "$holder" 2>/dev/null
	holder=""
	sample pipe2
	up=$(moved unexplained pipe0 pipe1) down=$(moved unexplained pipe2 pipe1)
	span="pipe0 pipe1"
	echo "# pipes: ${held:-no} kB held, unexplained +$up kB, -$down kB after"
	want "pipes: $PIPES pipes hold $((PIPES * 64)) kB (${held:-none})" \
		"[ '${held:-0}' = $((PIPES * 64)) ]"
	want "pipes: they move unexplained up by >= $PIPE_MIN kB ($up kB)" \
		"ge '$up' $PIPE_MIN"
	want "pipes: closed, unexplained down by >= $PIPE_MIN kB ($down kB)" \
		"ge '$down' $PIPE_MIN"
}

for s in ${ONLY:-anon slab hugetlb shmem pipes}; do
	scenario "$s"
	rm -rf "$tmp/files"
done

ok "every sample ($samples) exited 0 and partitions exactly, each node too" [ -z "$bad" ]
[ -z "$bad" ] || for s in $bad; do
	echo "# $s: $(cat "$tmp/$s.err")"
	jq -c '.memory | {physical_kb, top: ([.ledger[] |
		select(.parent == null) | .kb] | add)}' "$tmp/$s.json"
done 2>/dev/null | sort -u | head -n 20

# nothing left behind (the trap does the same on any other way out)
cleanup
ok "nothing left: the helper gone, tmpfs unmounted, the hugetlb pool back to $hp_was" \
	sh -c "[ -z '$holder$mnt' ] && [ ! -e '$tmp' ] &&
		! grep -q '^memscope-test ' /proc/mounts &&
		[ \$(cat $HP) = $hp_was ]"
finish
