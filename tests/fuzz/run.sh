#!/bin/sh
# Run every libFuzzer target (tests/fuzz/fuzz.c) for FUZZ_SECS seconds
# each, seeded from the fixture trees (real kernels) and the inputs of
# tests/fuzz/corpus/TARGET/ (seeds and past crashes). A crash is saved under
# $FUZZ_OUT/TARGET/ (build/fuzz/out): copy it into corpus/TARGET/ with the
# fix, so every later run replays it. Prints ok/FAIL lines and a count.
# Usage: run.sh [TARGET...]   (FUZZ_SECS=60 FUZZ_BIN=build/fuzz/fuzz/fuzz)
set -u
cd "$(dirname "$0")/../.." || exit 2
BIN=${FUZZ_BIN:-build/fuzz/fuzz/fuzz}
SECS=${FUZZ_SECS:-60}
OUT=${FUZZ_OUT:-build/fuzz/out}
F=tests/fixtures
pass=0 fail=0

# seeds TARGET: the files a target starts from, one per line
seeds() {
	case $1 in
	buddyinfo | pagetypeinfo | zoneinfo) ls $F/*/proc/$1 ;;
	vmstat) ls $F/*/proc/vmstat $F/*/sys/devices/system/node/node*/vmstat \
		$F/*/sys/devices/system/node/node*/numastat ;;
	meminfo) ls $F/*/proc/meminfo ;;
	node) ls $F/*/sys/devices/system/node/online \
		$F/*/sys/devices/system/node/node*/meminfo \
		$F/*/sys/devices/system/node/node*/distance ;;
	proc) ls $F/*/proc/[0-9]*/stat $F/*/proc/[0-9]*/statm \
		$F/*/proc/[0-9]*/status $F/*/proc/[0-9]*/smaps_rollup \
		$F/*/etc/passwd ;;
	reclaim) ls $F/*/proc/pressure/* $F/*/proc/swaps \
		$F/*/sys/block/zram*/mm_stat ;;
	slab) ls $F/*/proc/slabinfo $F/*/sys/kernel/slab/*/objects ;;
	allocinfo) ls $F/*/proc/allocinfo ;;
	vmallocinfo | iomem) ls $F/*/proc/$1 ;;
	cgroup) ls $F/*/proc/self/mountinfo $F/*/proc/mounts
		find $F/edge-cgroup-* -path '*evil*' -prune -o \( -name 'memory.*' \
			-o -name 'cgroup.*' \) -print | head -n 40 ;;
	smaps) ls $F/*/proc/[0-9]*/maps $F/*/proc/[0-9]*/numa_maps |
		head -n 40 ;;
	kmod) ls $F/kmod-*/proc/memscope/* ;;
	pcache) ls $F/*/proc/[0-9]*/maps | head -n 20
		ls $F/*/proc/[0-9]*/cgroup ;;
	kpageflags) ls $F/*/proc/kpageflags ;;
	folio) ls $F/*/proc/[0-9]*/pagemap ;;
	census) ls $F/*/proc/zoneinfo $F/*/proc/iomem ;;
	theme) ls themes/*.theme ;;
	damon | damon_mon) ls "$work"/damon-* ;;
	sample) ls "$work"/sample-* ;;
	recording) ls "$work"/rec-* ;;
	esac 2>/dev/null
}

# Samples and recordings of the fixture trees, made with the normal build.
make_seeds() {
	# the DAMON trees as the damon target's "rel value" lines
	for t in $F/*/sys/kernel/mm/damon/admin; do
		(cd "$t" && find . -type f | sed 's|^\./||' |
			while read -r f; do
				printf '%s %s\n' "$f" "$(head -c 200 "$f" |
					tr '\n' ' ')"
			done) >"$work/damon-$(echo "$t" | tr / _)"
	done
	# memscope's own kdamond as damon_mon reads it: none there, then its
	# tried regions
	s=kdamonds/0/contexts/0/schemes/0/tried_regions
	printf 'kdamonds/nr_kdamonds 0\nkdamonds/0/state on\n%s/0/start 4096\n%s/0/end 8192\n%s/0/nr_accesses 20\n%s/0/age 3\n%s/1/start 8192\n%s/1/end 65536\n%s/1/nr_accesses 0\n%s/1/age 40\n' \
		$s $s $s $s $s $s $s $s >"$work/damon-own"

	ms=build/memscope
	[ -x $ms ] || return 0
	i=0
	for t in $F/debian12-6.18 $F/debian-6.1-2node $F/debian-6.12-2node \
		$F/edge-cgroup-v2; do
		$ms -b -n 1 --json --root $t >"$work/sample-$i" 2>/dev/null
		$ms -b -n 2 -d 0.1 --root $t --record "$work/rec-$i" \
			>/dev/null 2>&1
		i=$((i + 1))
	done
}

fuzz_one() {
	t=$1
	corpus="$work/corpus-$t"
	mkdir -p "$corpus" "$OUT/$t"
	for f in $(seeds "$t") tests/fuzz/corpus/"$t"/*; do
		[ -f "$f" ] && cp "$f" "$corpus/$(echo "$f" | tr / _)"
	done
	n=$(ls "$corpus" | wc -l)
	if MS_FUZZ=$t timeout $((SECS + 60)) "$BIN" "$corpus" \
		-max_total_time="$SECS" -max_len=65536 -timeout=10 \
		-rss_limit_mb=1024 -artifact_prefix="$OUT/$t/" \
		>"$work/log-$t" 2>&1; then
		runs=$(sed -n 's/^Done \([0-9]*\) runs.*/\1/p' "$work/log-$t")
		echo "ok   - fuzz $t: $runs runs in ${SECS}s from $n seeds, no crash"
		pass=$((pass + 1))
	else
		echo "FAIL - fuzz $t: see $OUT/$t/ and the log:"
		grep -a -m 20 'ERROR\|SUMMARY\|#[0-9]* 0x' "$work/log-$t"
		fail=$((fail + 1))
	fi
}

if [ ! -x "$BIN" ]; then
	echo "FAIL - fuzz: $BIN not built (make FUZZ=1 $BIN)"
	echo "0 passed, 1 failed"
	exit 1
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
make_seeds
targets=${*:-$(MS_FUZZ=? "$BIN" 2>&1 | sed -n 's/^MS_FUZZ: one of //p')}
for t in $targets; do
	fuzz_one "$t"
done
echo "$pass passed, $fail failed"
[ $fail = 0 ]
