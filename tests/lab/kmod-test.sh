#!/bin/sh
# Lab VM guest script: every test of memscope.ko (docs/kmod.md) and of
# memscope's kmod backend on a real kernel. tests/lab/test_kmod.sh runs it
# (make lab-test); it ends with "N passed, N failed", status 1 on a failure.
# Needs in /bin: memscope, manyvmas, maplecheck, churn, jq; /lab/release.
set -u
P=/proc/memscope
KO=/lib/modules/lab/memscope.ko
STRESS_SECS=${STRESS_SECS:-30}
MANY=${MANY:-10000}
pass=0 fail=0 bg=""

ok() {
	pass=$((pass + 1))
	echo "ok   - $*"
}

bad() {
	fail=$((fail + 1))
	echo "FAIL - $*"
}

# check DESCRIPTION COMMAND...: passes when the command succeeds.
check() {
	d=$1
	shift
	if "$@"; then ok "$d"; else bad "$d"; fi
}

# not COMMAND...: the command fails.
not() {
	! "$@"
}

# Background processes: remembered, all killed by cleanup.
spawned() {
	bg="$bg $1"
}

cleanup() {
	for p in $bg; do
		kill -9 "$p" 2>/dev/null
	done
	for p in $bg; do
		wait "$p" 2>/dev/null
	done
}
trap cleanup EXIT

# put FILE TEXT: one write(2) of TEXT and a newline; prints ok or the error.
put() {
	r=$(printf '%s\n' "$2" | dd of="$1" bs=4096 conv=notrunc 2>&1) && {
		echo ok
		return
	}
	echo "$r" | sed -n "s/^dd: error writing '[^']*': //p"
}

# put_file FILE DATA: one write(2) of the whole file DATA (any bytes).
put_file() {
	r=$(dd if="$2" of="$1" bs=1048576 conv=notrunc 2>&1) && {
		echo ok
		return
	}
	echo "$r" | sed -n "s/^dd: error writing '[^']*': //p"
}

# expect FILE TEXT RESULT: the write of TEXT gives RESULT (ok or an error).
expect() {
	got=$(put "$1" "$2")
	if [ "$got" = "$3" ]; then
		ok "write '$2' > ${1#$P/}: $3"
	else
		bad "write '$2' > ${1#$P/}: got '$got', want '$3'"
	fi
}

# expect_file FILE DATA WHAT RESULT: as expect, DATA a file of raw bytes.
expect_file() {
	got=$(put_file "$1" "$2")
	if [ "$got" = "$4" ]; then
		ok "write $3 > ${1#$P/}: $4"
	else
		bad "write $3 > ${1#$P/}: got '$got', want '$4'"
	fi
}

# read_err FILE: the error text of reading FILE, or ok.
read_err() {
	r=$(cat "$1" 2>&1 >/dev/null) && {
		echo ok
		return
	}
	echo "${r##*: }"
}

# dgrep PATTERN: the kernel log has a line matching PATTERN.
dgrep() {
	dmesg | grep -q "$1"
}

first_line() {
	head -n 1 "$1"
}

# The lines of a maps file as "START END PERMS" with 0x and no leading zeros.
maps_vmas() {
	awk '{ split($1, r, "-"); s = r[1]; e = r[2]
		sub(/^0+/, "", s); sub(/^0+/, "", e)
		print "0x" (s == "" ? "0" : s) " 0x" e " " $2 }' "$1"
}

boot() {
	check "guest kernel $(uname -r) is the module's ($(cat /lab/release))" \
		[ "$(uname -r)" = "$(cat /lab/release)" ]
	check "two NUMA nodes online" \
		[ "$(cat /sys/devices/system/node/online)" = 0-1 ]
}

load() {
	check "memscope is loaded" grep -q '^memscope ' /proc/modules
	echo "tainted: $(cat /proc/sys/kernel/tainted)"
	dmesg | grep -i 'memscope.*\(sign\|taint\)\|module verification' |
		sed 's/^/dmesg: /'
	for o in 0 1 2 3; do
		check "dmesg self-test order $o" \
			dgrep "memscope: self-test order $o: ok in [0-9]* ns"
	done
	check "dmesg ready line" dgrep 'memscope: ready (buddy 1,'
}

modes() {
	check "mode of $P is 555" [ "$(stat -c %a $P)" = 555 ]
	for f in /proc/buddy_status:400 $P/buddy:400 $P/pageblocks:400 \
		$P/maple:600 $P/alloc_probe:600 $P/slab_bench:600; do
		m=$(stat -c %a "${f%:*}")
		check "mode of ${f%:*} is ${f#*:} ($m)" [ "$m" = "${f#*:}" ]
		check "owner of ${f%:*} is root" \
			[ "$(stat -c %u:%g "${f%:*}")" = 0:0 ]
	done
	check "$P holds exactly the five files" \
		[ "$(ls $P | tr '\n' ' ')" = "alloc_probe buddy maple pageblocks slab_bench " ]
}

versions() {
	# FILE:NAME:VERSION (pageblocks 2: the map lines)
	for f in /proc/buddy_status:memscope-buddy-status:1 \
		$P/buddy:memscope-buddy:1 $P/pageblocks:memscope-pageblocks:2 \
		$P/alloc_probe:memscope-alloc-probe:1 \
		$P/slab_bench:memscope-slab-bench:1; do
		file=${f%%:*} want=$(echo "${f#*:}" | tr : ' ')
		v=$(head -n 1 "$file")
		check "$file starts with '$want'" [ "$v" = "$want" ]
	done
	check "maple before a PID: No data available" \
		[ "$(read_err $P/maple)" = "No data available" ]
	check "alloc_probe before a probe: probe none" \
		grep -qx 'probe none' $P/alloc_probe
	check "slab_bench before a benchmark: bench none" \
		grep -qx 'bench none' $P/slab_bench
}

# min, low, high, spanned, present, managed of every zone as in zoneinfo.
zoneinfo_same() {
	cat /proc/zoneinfo >zoneinfo.txt
	awk '/^zone / { z = $2 " " $3 }
		/^(min|low|high|spanned|present|managed) / { print z, $1, $2 }' \
		buddy.txt | sort >buddy-wmarks.txt
	awk '/^Node / { z = $2 " " $4; sub(/,/, "", z) }
		$1 ~ /^(min|low|high|spanned|present|managed)$/ && NF == 2 {
			v[z, $1] = $2; zones[z] = 1 }
		END {	# zoneinfo lists unpopulated zones too
			for (z in zones)
				if (v[z, "present"] > 0)
					for (k in v) {
						split(k, a, SUBSEP)
						if (a[1] == z)
							print z, a[2], v[k]
					}
		}' zoneinfo.txt | sort >zoneinfo-wmarks.txt
	[ -s buddy-wmarks.txt ] && cmp -s buddy-wmarks.txt zoneinfo-wmarks.txt
}

# The free-list lines of a buddy read, which the bracket compares.
free_lists() {
	grep '^\(zone\|nr_free\|free_type\) ' "$1"
}

# One cat of memscope/buddy, buddyinfo, pagetypeinfo, buddy_status and
# memscope/buddy again into a file whose pages exist already (the copy
# allocates no page), until the two module reads have the same free lists:
# then nothing the procfs files show changed in between. At most 20 tries.
buddy_read() {
	yes '' | head -c 4194304 >/tmp/all
	tries=0
	while [ $tries -lt 20 ]; do
		tries=$((tries + 1))
		cat $P/buddy /proc/buddyinfo /proc/pagetypeinfo \
			/proc/buddy_status $P/buddy 1<>/tmp/all
		awk 's == 0 { print > "buddy.txt"; if ($0 == "end") s = 1; next }
		s == 1 && /^Page block order/ { s = 2 }
		s == 1 { print > "buddyinfo.txt"; next }
		s == 2 && /^memscope-buddy-status / { s = 3 }
		s == 2 { print > "pagetypeinfo.txt"; next }
		s == 3 && /^memscope-buddy / { s = 4 }
		s == 3 { print > "buddy_status.txt"; next }
		s == 4 { print > "buddy-after.txt"; if ($0 == "end") exit }' \
			/tmp/all
		free_lists buddy.txt >b1.txt
		free_lists buddy-after.txt >b2.txt
		cmp -s b1.txt b2.txt && break
	done
	rm -f /tmp/all
	echo "buddy: $tries read(s) until the module's two reads agreed"
	check "buddy: a quiet read within 20 tries ($tries)" cmp -s b1.txt b2.txt
}

# Per zone and order: buddyinfo = nr_free, pagetypeinfo = free_type (a
# ">100000" there is pagetypeinfo's own cap), buddy_status = nr_free and
# its free pages = sum of blocks * 2^order. Prints the differences.
BUDDY_AWK='
function zkey(n, z) { sub(/,$/, "", n); sub(/,$/, "", z); return n " " z }
FILENAME ~ /buddy.txt$/ && /^zone / { z = $2 " " $3; zones[z] = 1 }
FILENAME ~ /buddy.txt$/ && /^nr_free / {
	for (i = 2; i <= NF; i++) { nf[z, i - 2] = $i; pages[z] += $i * 2 ^ (i - 2) }
	norders = NF - 1
}
FILENAME ~ /buddy.txt$/ && /^free_type / {
	for (i = 3; i <= NF; i++) ft[z, $2, i - 3] = $i; types[$2] = 1
}
FILENAME ~ /buddyinfo/ {
	k = zkey($2, $4); seen_bi[k] = 1
	if (!(k in zones)) { print "buddyinfo zone " k " not in buddy"; bad++ }
	if (NF - 4 != norders) { print "buddyinfo " k ": " NF - 4 " orders"; bad++ }
	for (i = 5; i <= NF; i++)
		if ($i != nf[k, i - 5]) {
			print "buddyinfo " k " order " i - 5 ": " $i ", buddy " nf[k, i - 5]
			bad++
		}
	cmp_bi++
}
FILENAME ~ /pagetypeinfo/ && /^Node .* type / && NF > 7 {
	k = zkey($2, $4)
	if (!(($6) in types)) { print "pagetypeinfo type " $6 " not in buddy"; bad++ }
	seen_pt[k, $6] = 1
	for (i = 7; i <= NF; i++) {
		v = ft[k, $6, i - 7]
		if ($i ~ /^>/ ? v + 0 < substr($i, 2) + 0 : $i != v) {
			print "pagetypeinfo " k " " $6 " order " i - 7 ": " $i ", buddy " v
			bad++
		}
	}
	cmp_pt++
}
FILENAME ~ /buddy_status/ && /^Node / { k = $2 " " $4; sub(/,/, "", k) }
FILENAME ~ /buddy_status/ && /^  Free pages: / {
	if ($3 != pages[k]) { print "buddy_status " k ": free " $3 ", buddy " pages[k]; bad++ }
}
FILENAME ~ /buddy_status/ && /^  Order [0-9]+: / {
	o = $2; sub(/:/, "", o)
	if ($3 != nf[k, o]) { print "buddy_status " k " order " o ": " $3; bad++ }
	cmp_bs++
}
END {
	for (z in zones) {
		if (!(z in seen_bi)) { print "zone " z " not in buddyinfo"; bad++ }
		for (t in types)
			if (!((z, t) in seen_pt)) { print "zone " z " type " t " not in pagetypeinfo"; bad++ }
	}
	if (!cmp_bi || !cmp_pt || !cmp_bs) { print "nothing compared"; bad++ }
	exit bad != 0
}'

buddy() {
	buddy_read
	check "buddy ends with end" [ "$(tail -n 1 buddy.txt)" = end ]
	check "buddy: per-type sums equal nr_free" awk '
		/^zone / { z = $2 " " $3 }
		/^nr_free / { for (i = 2; i <= NF; i++) nf[z, i] = $i }
		/^free_type / { for (i = 3; i <= NF; i++) s[z, i - 1] += $i }
		/^capped 1/ { capped[z] = 1 }
		END {
			for (k in nf) {
				split(k, a, SUBSEP)
				if (!capped[a[1]] && nf[k] != s[k]) {
					print "zone " a[1] " order " a[2] - 2 ": " nf[k] " != " s[k]
					bad = 1
				}
			}
			exit bad
		}' buddy.txt
	zb=$(grep -c '^zone ' buddy.txt)
	zi=$(grep -c '^Node' buddyinfo.txt)
	check "buddy has the $zi zones of buddyinfo ($zb)" [ "$zb" = "$zi" ]
	check "buddy has zones on both nodes" \
		[ "$(awk '/^zone / { print $2 }' buddy.txt | sort -u | tr '\n' ' ')" = "0 1 " ]
	awk "$BUDDY_AWK" buddy.txt buddyinfo.txt pagetypeinfo.txt \
		buddy_status.txt >buddy-diff.txt
	check "buddy equals buddyinfo, pagetypeinfo and buddy_status block for block" \
		[ ! -s buddy-diff.txt ]
	head -n 10 buddy-diff.txt
	check "buddy watermarks and page counts equal /proc/zoneinfo" \
		zoneinfo_same
	check "buddy_status fragmentation lines" \
		[ "$(grep -c '^  Fragmentation index: ' buddy_status.txt)" = "$zi" ]
}

# The module's pageblocks by migrate type (read from the pageblock bits
# through the sparse memory sections) against /proc/pagetypeinfo's "Number
# of blocks type", zone for zone and type for type; pagetypeinfo read
# between two reads of the module's file that agree (a block can change
# type in between: at most 20 tries).
pageblocks() {
	tries=0
	while [ $tries -lt 20 ]; do
		tries=$((tries + 1))
		cat $P/pageblocks >pb1.txt
		cat /proc/pagetypeinfo >pt.txt
		cat $P/pageblocks >pb2.txt
		cmp -s pb1.txt pb2.txt && break
	done
	check "pageblocks: a quiet read within 20 tries ($tries)" \
		cmp -s pb1.txt pb2.txt
	check "pageblocks ends with end" [ "$(tail -n 1 pb1.txt)" = end ]
	check "pageblocks: the pageblock order of pagetypeinfo" [ \
		"$(sed -n 's/^pageblock_order //p' pb1.txt)" = \
		"$(sed -n 's/^Page block order: //p' pt.txt | head -n 1)" ]
	zp=$(grep -c '^zone ' pb1.txt)
	# pagetypeinfo has a block count section per node
	zt=$(awk '!/^Node / { s = 0 } /^Number of blocks type/ { s = 1 }
		s && /^Node / { n++ } END { print n + 0 }' pt.txt)
	check "pageblocks has the $zt zones of pagetypeinfo ($zp)" \
		[ "$zp" = "$zt" -a "$zp" -gt 0 ]
	check "pageblocks has zones on both nodes" \
		[ "$(awk '/^zone / { print $2 }' pb1.txt | sort -u | tr '\n' ' ')" = "0 1 " ]
	awk '
	FILENAME ~ /pb1/ && /^types / { for (i = 2; i <= NF; i++) pt[i - 1] = $i; nt = NF - 1 }
	FILENAME ~ /pb1/ && /^zone / {
		for (i = 4; i <= NF; i++) mod[$2 " " $3, pt[i - 3]] = $i
		zones[$2 " " $3] = 1
	}
	FILENAME ~ /pt/ && !/^Node / { s = 0 }
	FILENAME ~ /pt/ && /^Number of blocks type/ { s = 1
		for (i = 5; i <= NF; i++) kt[i - 4] = $i; nk = NF - 4; next }
	FILENAME ~ /pt/ && s && /^Node / {
		z = $2 " " $4; sub(/,/, "", z); seen[z] = 1
		for (i = 5; i <= NF; i++) {
			k = kt[i - 4]
			if (!((z, k) in mod)) { print "zone " z " type " k " not in pageblocks"; bad++ }
			else if (mod[z, k] != $i) { print "zone " z " " k ": pagetypeinfo " $i ", module " mod[z, k]; bad++ }
		}
	}
	END {
		if (nk != nt) { print "types: pagetypeinfo " nk ", module " nt; bad++ }
		for (z in zones) if (!(z in seen)) { print "zone " z " not in pagetypeinfo"; bad++ }
		exit bad
	}' pb1.txt pt.txt >pageblocks-diff.txt
	check "pageblocks by migrate type equal pagetypeinfo's Number of blocks type" \
		[ ! -s pageblocks-diff.txt ]
	head -n 10 pageblocks-diff.txt
	sed -n '/^types /,/^end/p' pb1.txt | grep -v '^map ' |
		sed 's/^/pageblocks: /'
	pageblocks_map
	pageblocks_json
}

# Each zone's map line (one type a block) right after its zone line, its
# blocks per type equal to the zone line's counts: the same read, the
# same pageblock bits (the map looks at each block by its first pfn in the
# zone, the counts step from the zone's first pfn: the same blocks where
# zones start on a block boundary, as in the lab VM).
pageblocks_map() {
	awk '
	/^types / { nt = NF - 1 }
	/^zone / { z = $2 " " $3; for (i = 4; i <= NF; i++) want[i - 3] = $i; next }
	/^map / {
		if (z == "") { print "map line without its zone line"; bad++; next }
		for (t = 1; t <= nt; t++) got[t] = 0
		n = length($3)
		for (i = 1; i <= n; i++) {
			c = substr($3, i, 1)
			if (c != ".") got[c + 1]++
		}
		for (t = 1; t <= nt; t++)
			if (got[t] != want[t]) { print "zone " z " type " t ": map " got[t] ", count " want[t]; bad++ }
		maps++; z = ""; next
	}
	z != "" { print "zone " z " has no map line"; bad++; z = "" }
	END { if (!maps) { print "no map line"; bad++ } exit bad }' pb1.txt \
		>pageblocks-map.txt
	check "pageblocks: every zone's map has its zone line's counts" \
		[ ! -s pageblocks-map.txt ]
	head -n 10 pageblocks-map.txt
}

# memscope's physical memory map: every zone's migratetypes, counted per
# letter (M and P together: the kernel's Movable), equal to the module's
# counts, read between two module reads that agree (at most 20 tries).
# Tolerance: none. The counts are pagetypeinfo's (pageblocks() above), and
# a block that changed type between the reads shows as two reads that
# differ, which are tried again; kpageflags is read in between but only
# marks movable blocks P, which the count adds back to Movable.
pageblocks_json() {
	tries=0
	while [ $tries -lt 20 ]; do
		tries=$((tries + 1))
		cat $P/pageblocks >pbj1.txt
		memscope -b -n 1 --json --tab buddy --physmap >physmap.json \
			2>physmap.err
		cat $P/pageblocks >pbj2.txt
		cmp -s pbj1.txt pbj2.txt && break
	done
	check "physmap: a quiet read within 20 tries ($tries)" \
		cmp -s pbj1.txt pbj2.txt
	jqc "physmap: every zone has migratetypes as long as its blocks" \
		'.physmap.zones | length > 0 and all(.migratetypes != null and
		 (.migratetypes | length) == (.blocks | length))' physmap.json
	jqc "physmap: nothing about migratetypes in unavailable" \
		'[.unavailable[]? | select(.what == "migratetypes")] | length == 0' \
		physmap.json
	jq -r '.physmap.zones[] | "\(.node) \(.zone) \(.migratetypes)"' \
		physmap.json >physmap-types.txt
	awk '
	BEGIN { split("Unmovable Movable Reclaimable HighAtomic CMA Isolate", nm)
		split("U M R H C I", lt)
		for (i = 1; i <= 6; i++) letter[nm[i]] = lt[i] }
	FILENAME ~ /pbj1/ && /^types / { for (i = 2; i <= NF; i++) ty[i - 1] = $i; nt = NF - 1 }
	FILENAME ~ /pbj1/ && /^zone / { for (i = 4; i <= NF; i++) mod[$2 " " $3, letter[ty[i - 3]]] = $i; zones[$2 " " $3] = 1 }
	FILENAME ~ /physmap-types/ {
		z = $1 " " $2; seen[z] = 1
		split("", got)
		n = length($3)
		for (i = 1; i <= n; i++) {
			c = substr($3, i, 1)
			if (c == "P") c = "M"
			got[c]++
		}
		for (t = 1; t <= nt; t++) {
			l = letter[ty[t]]
			if (got[l] + 0 != mod[z, l] + 0) { print "zone " z " " ty[t] ": memscope " got[l] + 0 ", module " mod[z, l]; bad++ }
		}
	}
	END { for (z in zones) if (!(z in seen)) { print "zone " z " not in the map"; bad++ } exit bad }' \
		pbj1.txt physmap-types.txt >physmap-diff.txt
	check "physmap: migrate types per zone equal the module's (pagetypeinfo's) counts" \
		[ ! -s physmap-diff.txt ]
	head -n 10 physmap-diff.txt
	awk '{ p = gsub(/P/, "P", $3); print "physmap: " $1 " " $2 ": " p " polluted of " length($3) " blocks" }' \
		physmap-types.txt
}

# maple_check PID NAME: dump the tree of PID; well formed, equal to its maps.
maple_check() {
	expect $P/maple "$1" ok
	cat $P/maple >"maple-$2.txt"
	cp "/proc/$1/maps" "maps-$2.txt"
	check "maple $2: version, pid, end" [ "$(first_line "maple-$2.txt")" = \
		"memscope-maple 1" -a "$(sed -n 2p "maple-$2.txt")" = "pid $1" -a \
		"$(tail -n 1 "maple-$2.txt")" = end ]
	r=$(maplecheck -m "maps-$2.txt" "maple-$2.txt")
	rc=$?
	check "maple $2: well formed and equal to /proc/$1/maps ($(wc -l <"maps-$2.txt") VMAs)" \
		[ $rc = 0 ]
	echo "$r" | head -n 10
}

# The workload's layout: MANY one-page VMAs, alternating rw-p and r--p,
# back to back (the two ends may merge with neighbours).
layout_run() {
	awk 'function h(x,   i, v) { v = 0
			for (i = 1; i <= length(x); i++)
				v = v * 16 + index("0123456789abcdef", substr(x, i, 1)) - 1
			return v }
	{ split($1, r, "-"); s = h(r[1]); e = h(r[2])
	  one = e - s == 4096 && ($2 == "rw-p" || $2 == "r--p")
	  if (one && s == pe && $2 != pp) run++; else run = one
	  if (run > best) best = run
	  pe = e; pp = $2 }
	END { print best + 0 }' "$1"
}

kthreads() {
	# stat field 9 (7th after the comm) holds the task flags; PF_KTHREAD
	cat /proc/[0-9]*/stat 2>/dev/null | awk '{ pid = $1; sub(/.*\) /, "")
		if (and($7, 2097152)) print pid }'
}

maple_hostile() {
	for w in garbage -1 0 +5 0x10 "1 2" 4194305 99999999999999999999 \
		"$(printf '%040d' 7)"; do
		expect $P/maple "$w" "Invalid argument"
	done
	expect $P/maple "" "Invalid argument"
	printf '1\0002\n' >/tmp/nul
	expect_file $P/maple /tmp/nul "'1<NUL>2'" "Invalid argument"
	printf '1\n\n' >/tmp/nl2
	expect_file $P/maple /tmp/nl2 "'1' and two newlines" "Invalid argument"
	printf '1\t2\n' >/tmp/tab
	expect_file $P/maple /tmp/tab "'1<TAB>2'" "Invalid argument"
	printf '\377\376\n' >/tmp/bin
	expect_file $P/maple /tmp/bin "two bytes 0xff 0xfe" "Invalid argument"
	yes 1 | head -c 65536 | tr -d '\n' >/tmp/huge
	expect_file $P/maple /tmp/huge "64 KiB of digits" "Invalid argument"
	expect $P/maple 2 "Invalid argument"	# kthreadd: no mm
	kt=
	for d in /proc/[0-9]*; do
		[ "$(cat $d/comm 2>/dev/null)" = kswapd0 ] && kt=${d#/proc/}
	done
	check "kswapd0 found ($kt)" [ -n "$kt" ]
	expect $P/maple "$kt" "Invalid argument"
	n=0 wrong=""
	for k in $(kthreads); do
		n=$((n + 1))
		r=$(put $P/maple "$k")
		[ "$r" = "Invalid argument" ] ||
			[ ! -e /proc/$k ] || wrong="$wrong $k:$r"
	done
	check "maple refuses all $n kernel threads with EINVAL${wrong:+ (not:$wrong)}" \
		[ "$n" -gt 10 -a -z "$wrong" ]
	sleep 0 &
	gone=$!
	wait $gone
	expect $P/maple "$gone" "No such process"
	check "maple after the refusals: still no PID (No data available)" \
		[ "$(read_err $P/maple)" = "No data available" ]
}

maple() {
	maple_hostile
	maple_check 1 init
	sleep 1000 &
	s=$!
	spawned $s
	maple_check "$s" sleep
	# A process exiting between the write and the read.
	expect $P/maple "$s" ok
	kill $s
	wait $s 2>/dev/null
	check "maple of an exited process: No such process" \
		[ "$(read_err $P/maple)" = "No such process" ]
	# Per open file: fd 4 keeps its own PID while another writer sets 1.
	sleep 1000 &
	s=$!
	spawned $s
	exec 4<>$P/maple
	printf '%s\n' "$s" >&4
	expect $P/maple 1 ok
	check "maple per-file PID" [ "$(sed -n 2p <&4)" = "pid $s" ]
	exec 4<&-
	check "maple global PID is the last written" \
		[ "$(sed -n 2p $P/maple)" = "pid 1" ]
	kill $s
	# The known layout: thousands of VMAs.
	manyvmas "$MANY" >manyvmas.out &
	mv=$!
	spawned $mv
	i=0
	while ! grep -q ready manyvmas.out && [ $i -lt 600 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	check "manyvmas $MANY is ready" grep -qx "ready $mv" manyvmas.out
	maple_check "$mv" many
	run=$(layout_run maps-many.txt)
	check "maple many: $run one-page VMAs alternating rw-p/r--p (>= $((MANY - 2)))" \
		[ "$run" -ge $((MANY - 2)) ]
	check "maple many: a tree of height >= 3 ($(sed -n 's/^height //p' maple-many.txt))" \
		[ "$(sed -n 's/^height //p' maple-many.txt)" -ge 3 ]
	check "maple many: arange_64 internal nodes and leaf_64 leaves only" \
		[ "$(awk '/^node / { print $5 }' maple-many.txt | sort -u | tr '\n' ' ')" = "arange_64 leaf_64 " ]
}

# jqc WHAT FILTER FILE: the jq filter is true for FILE.
jqc() {
	if jq -e "$2" "$3" >/dev/null; then ok "json: $1"; else bad "json: $1"; fi
}

# One jq pass over memscope's JSON (megabytes: jq takes seconds under TCG):
# a summary on the first line, then the maple view's VMAs.
JSON_SUMMARY='.vmas.maple as $m | .buddy.zones as $z | ({
	buddy: .sources.buddy, pid: $m.pid, truncated: $m.truncated,
	vmas: $m.vmas, map_count: $m.map_count, height: $m.height,
	nodes: ($m.nodes | length),
	entries: ([$m.nodes[].entries | length] | add),
	tree: ($m.nodes as $n | $n[0].parent == null and
		([$n[] | .id as $i | .children[] | $n[.].parent == $i] | all)),
	zones: [$z[] | select(.free_pages != null) | "\(.node) \(.zone)"],
	types: ([$z[] | select(.free_pages != null) |
		.migratetypes | keys_unsorted] | unique),
	exact: ([$z[] | select(.free_pages != null) | . as $y |
		range(0; $y.free_blocks | length) | . as $o |
		([$y.migratetypes[][$o]] | add) == $y.free_blocks[$o]] | all),
	alloc_probe, slab_bench,
	unavailable: [.unavailable[].what]
} | tojson), ($m.nodes[].entries[] | "0x\(.start) 0x\(.end) \(.perms)")'

# memscope's kmod backend on the same process: source, maple view, probe.
json() {
	memscope -b -n 1 --json --pid "$mv" --alloc-probe 3 \
		--slab-bench 256,1000 >memscope.json 2>memscope.err
	rc=$?
	check "memscope -b --json --pid (10,000 VMAs) with the module exits 0" \
		[ $rc = 0 ]
	grep . memscope.err | head -n 5
	jq -r "$JSON_SUMMARY" memscope.json >json.out
	head -n 1 json.out >summary.json
	tail -n +2 json.out >json-many.vmas
	rm -f json.out
	n=$(wc -l <maps-many.txt)
	f=summary.json
	jqc "sources.buddy is kmod" '.buddy == "kmod"' $f
	jqc "vmas.maple of pid $mv, not truncated" \
		".pid == $mv and .truncated == false" $f
	jqc "vmas.maple: vmas and map_count $n, $n entries" \
		".vmas == $n and .map_count == $n and .entries == $n" $f
	jqc "vmas.maple: the module's node count and height" \
		".nodes == $(sed -n 's/^nodes //p' maple-many.txt) and .height == $(sed -n 's/^height //p' maple-many.txt)" $f
	maps_vmas maps-many.txt >maps-many.vmas
	check "json: vmas.maple entries equal /proc/$mv/maps" \
		cmp -s json-many.vmas maps-many.vmas
	jqc "vmas.maple: node 0 is the root, every child names its parent" \
		'.tree' $f
	zones=$(awk '/^zone / { printf "%s\"%s %s\"", n++ ? "," : "", $2, $3 }' \
		buddy.txt)
	jqc "buddy: the module's zones [$zones]" ".zones == [$zones]" $f
	types=$(sed -n 's/^types //p' buddy.txt | tr ' ' '\n' |
		awk '{ printf "%s\"%s\"", n++ ? "," : "", $1 }')
	jqc "buddy: migrate types [$types] from the module" \
		".types == [[$types]]" $f
	jqc "buddy: per-type counts add up to the free blocks in every zone" \
		'.exact' $f
	jqc "alloc_probe: orders 0..3, 8 attempts each, order 0 succeeds" \
		'(.alloc_probe.orders | length) == 4 and ([.alloc_probe.orders[] | .attempts == 8 and .ok + .fail == 8] | all) and .alloc_probe.orders[0].ok > 0' $f
	jqc "slab_bench: 1000 objects of 256 bytes through both APIs" \
		'.slab_bench.size == 256 and .slab_bench.count == 1000 and .slab_bench.kmem_cache.alloc.ok == 1000 and .slab_bench.kmalloc.alloc.ok == 1000 and .slab_bench.kmalloc.free.ok == 1000' $f
	jqc "nothing of the module unavailable" \
		'[.unavailable[] | select(test("^(buddy|maple|alloc_probe|slab_bench)($|/)"))] | length == 0' $f
}

probe() {
	cp $P/alloc_probe probe-before.txt
	for w in "order 11" "order 99" "order -1" "order" "order 3 count 0" \
		"order 3 count 65" "order 3 count -1" "order 3 count 99999999999" \
		"order 3 node 2" "order 3 node -1" "order 3 node 99999" \
		"order 18446744073709551616" "order 3 count 1 count 1" \
		"order 3 foo 1" "order 0x3" "order +3" "count 1 order 3" \
		"order 1 order 1" garbage "" "$(printf 'order 1 %0200d' 0)"; do
		expect $P/alloc_probe "$w" "Invalid argument"
	done
	printf 'order 1\000' >/tmp/nul
	expect_file $P/alloc_probe /tmp/nul "'order 1<NUL>'" "Invalid argument"
	expect_file $P/alloc_probe /tmp/huge "64 KiB of digits" "Invalid argument"
	check "alloc_probe after the refusals: unchanged" \
		cmp -s $P/alloc_probe probe-before.txt
	sleep 2
	expect $P/alloc_probe "order 0" ok
	expect $P/alloc_probe "order 3 count 4" ok
	expect $P/alloc_probe "order 10 count 2 node 1" ok
	cat $P/alloc_probe >alloc_probe.txt
	check "alloc_probe shows the last probe (2 attempts on node 1)" \
		[ "$(grep -c '^attempt [01] ok [0-9]* 1$' alloc_probe.txt)" = 2 ]
	expect $P/alloc_probe "order 9 node 0 count 3" ok
	check "alloc_probe attempts on node 0" \
		[ "$(grep -c '^attempt [0-2] ok [0-9]* 0$' $P/alloc_probe)" = 3 ]
	sleep 2
	# a second's budget (256 attempts) in one burst of shell builtins: a
	# process per write (expect) can take longer than the module's
	# one-second window in a slow TCG guest, and then nothing is refused
	burst=""
	for i in 1 2 3 4 5; do
		if echo 'order 0 count 64' >$P/alloc_probe 2>burst.err; then
			burst="$burst ok"
		else
			burst="$burst refused"
		fi
	done
	check "alloc_probe: 4 writes of 64 attempts, the 5th in the same second refused:$burst" \
		[ "$burst" = " ok ok ok ok refused" ]
	check "alloc_probe: refused with EBUSY ($(cat burst.err))" \
		grep -q "Device or resource busy" burst.err
	sleep 2
	expect $P/alloc_probe "order 0 count 1" ok
	cat $P/alloc_probe >>alloc_probe.txt
}

bench() {
	cp $P/slab_bench bench-before.txt
	for w in "size 0 count 10" "size 65537 count 1" "size 64 count 100001" \
		"size 65536 count 2000" "size 8" "count 8" "size 8 size 8" \
		"size -1 count 1" "size 8 count -1" "size 8 count 1 count 1" \
		"size 18446744073709551617 count 1" "size 8 count 1 order 1" \
		garbage ""; do
		expect $P/slab_bench "$w" "Invalid argument"
	done
	expect_file $P/slab_bench /tmp/huge "64 KiB of digits" "Invalid argument"
	check "slab_bench after the refusals: unchanged" \
		cmp -s $P/slab_bench bench-before.txt
	expect $P/slab_bench "size 256 count 10000" ok
	cat $P/slab_bench >slab_bench.txt
	check "slab_bench: four result lines" \
		[ "$(grep -c '^result \(kmem_cache\|kmalloc\) \(alloc\|free\) 10000 0 [0-9]' slab_bench.txt)" = 4 ]
	expect $P/slab_bench "count 5 size 65536" ok
	check "slab_bench: no cache left" not grep -q memscope_bench /proc/slabinfo
}

# The read-only files refuse writes too (root passes the mode check).
readonly_writes() {
	for f in $P/buddy $P/pageblocks /proc/buddy_status; do
		r=$(put $f "1")
		check "write to read-only $f fails ($r)" [ "$r" != ok ]
		check "$f still reads after the write" [ "$(read_err $f)" = ok ]
	done
}

# say FILE TEXT: write TEXT with the shell's echo (one write(2), and no
# dd to start: the stress loops go faster); sets said to ok or the error.
say() {
	said=$( { echo "$2" >"$1"; } 2>&1) && said=ok || said=${said##*: }
}

# Each stress loop runs until $end and leaves its counts in stress-NAME.
maple_loop() {
	trap - EXIT
	dumps=0 good=0 gone=0 other=0
	while [ "$(date +%s)" -lt "$end" ]; do
		for p in $(pidof churn); do
			say $P/maple "$p"
			r=$said
			if [ "$r" = ok ]; then
				r=$(cat $P/maple 2>&1 >/tmp/stress-maple.txt) &&
					r=ok || r=${r##*: }
			fi
			dumps=$((dumps + 1))
			case $r in
			ok)	if maplecheck /tmp/stress-maple.txt >/dev/null; then
					good=$((good + 1))
				else
					other=$((other + 1))
					cp /tmp/stress-maple.txt stress-bad-$dumps.txt
				fi ;;
			"No such process") gone=$((gone + 1)) ;;
			*)	other=$((other + 1))
				echo "maple $p: $r" >>stress-errors.txt ;;
			esac
		done
	done
	echo "$dumps $good $gone $other" >stress-maple
}

probe_loop() {
	trap - EXIT
	n=0 okc=0 busy=0 other=0
	while [ "$(date +%s)" -lt "$end" ]; do
		o=$((RANDOM % 11))
		say $P/alloc_probe \
			"order $o count $((RANDOM % 8 + 1)) node $((RANDOM % 2))"
		r=$said
		n=$((n + 1))
		case $r in
		ok) okc=$((okc + 1)) ;;
		"Device or resource busy") busy=$((busy + 1)) ;;
		*) other=$((other + 1))
			echo "alloc_probe order $o: $r" >>stress-errors.txt ;;
		esac
		cat $P/alloc_probe $P/buddy /proc/buddy_status >/dev/null ||
			other=$((other + 1))
	done
	echo "$n $okc $busy $other" >stress-probe
}

bench_loop() {
	trap - EXIT
	n=0 okc=0 other=0
	while [ "$(date +%s)" -lt "$end" ]; do
		for w in "size 8 count 2000" "size 192 count 1000" \
			"size 4096 count 500" "size 65536 count 64"; do
			say $P/slab_bench "$w"
			r=$said
			n=$((n + 1))
			[ "$r" = ok ] && okc=$((okc + 1)) || {
				other=$((other + 1))
				echo "slab_bench $w: $r" >>stress-errors.txt
			}
		done
	done
	echo "$n $okc $other" >stress-bench
}

# memscope's own backend against the changing processes. A process that
# exits before or while memscope reads it is an error memscope names
# (status 1, "pid N: no such process" or "exited": app/target.c); counted
# as gone when the process is indeed gone, as ESRCH in maple_loop.
memscope_loop() {
	trap - EXIT
	n=0 other=0 gone=0
	while [ "$(date +%s)" -lt "$end" ]; do
		# every other run the churn parent ($c), which lives the whole
		# run: under TCG a run outlives most children (6.12 once read
		# 22 of 22 gone), and some samples must succeed however slow
		# the machine is
		if [ $((n % 2)) = 0 ]; then
			p=$c
		else
			p=$(pidof churn | awk '{ print $1 }')
		fi
		p=${p:-1}
		memscope -b -n 1 --json --tab vma --pid "$p" \
			--alloc-probe 2 --slab-bench 64,200 >/tmp/stress.json \
			2>/tmp/stress.err
		rc=$?
		cat /tmp/stress.err >>stress-memscope.err
		n=$((n + 1))
		if [ $rc = 0 ]; then
			:
		elif [ $rc = 1 ] && ! kill -0 "$p" 2>/dev/null &&
			grep -Eqx "memscope: pid $p: (no such process|exited)" \
				/tmp/stress.err; then
			gone=$((gone + 1))
		else
			other=$((other + 1))
			echo "memscope --pid $p: status $rc: $(tail -n 1 \
				/tmp/stress.err)" >>stress-errors.txt
		fi
	done
	echo "$n $other $gone" >stress-memscope
}

stress() {
	echo "stress: $STRESS_SECS s of churn, maple dumps, probes, benchmarks"
	: >stress-errors.txt
	churn "$STRESS_SECS" 4 >churn.out &
	c=$!
	spawned $c
	end=$(($(date +%s) + STRESS_SECS))
	maple_loop &
	l1=$!
	probe_loop &
	l2=$!
	bench_loop &
	l3=$!
	l4=
	# memscope itself, BPF programs included (STRESS_MEMSCOPE=0 leaves it
	# out): each run attaches and detaches its fault group under this load
	if [ "${STRESS_MEMSCOPE:-1}" = 1 ]; then
		memscope_loop &
		l4=$!
	fi
	spawned "$l1 $l2 $l3 $l4"
	wait $c $l1 $l2 $l3 $l4
	cat churn.out
	set -- $(cat stress-maple 2>/dev/null)
	check "stress: $1 maple dumps of changing processes, ${2:-0} well formed, ${3:-0} gone (ESRCH), ${4:-?} other" \
		[ "${2:-0}" -gt 0 -a "${4:-1}" = 0 ]
	set -- $(cat stress-probe 2>/dev/null)
	check "stress: $1 allocation probes, ${2:-0} ok, ${3:-0} rate-limited, ${4:-?} other" \
		[ "${2:-0}" -gt 0 -a "${4:-1}" = 0 ]
	set -- $(cat stress-bench 2>/dev/null)
	check "stress: $1 slab benchmarks, ${2:-0} ok, ${3:-?} other" \
		[ "${2:-0}" -gt 0 -a "${3:-1}" = 0 ]
	if [ -n "$l4" ]; then
		set -- $(cat stress-memscope 2>/dev/null)
		check "stress: $1 memscope samples of churning processes, ${3:-0} gone (exited), ${2:-?} failed" \
			[ "$((${1:-0} - ${3:-0}))" -gt 0 -a "${2:-1}" = 0 ]
	fi
	check "stress: churn started children" grep -q '^churn: [1-9]' churn.out
	head -n 10 stress-errors.txt
	check "stress: no churn process left" [ -z "$(pidof churn)" ]
	check "after stress: buddy still reads" [ "$(read_err $P/buddy)" = ok ]
	check "after stress: no benchmark cache left" \
		not grep -q memscope_bench /proc/slabinfo
}

# rmmod while files are open: later reads fail with EIO, nothing leaks.
unload() {
	exec 3<$P/buddy
	head -n 1 <&3 >/dev/null
	exec 4<>$P/maple
	printf '1\n' >&4
	head -c 100 <&4 >/dev/null
	check "rmmod with open files" rmmod memscope
	r=$(cat <&3 2>&1 >/dev/null)
	check "read after rmmod: Input/output error (${r##*: })" \
		[ "${r##*: }" = "Input/output error" ]
	r=$(printf '1\n' | dd bs=64 2>&1 >&4 |
		sed -n "s/^dd: error writing '[^']*': //p")
	check "write after rmmod: Input/output error ($r)" \
		[ "$r" = "Input/output error" ]
	exec 3<&- 4<&-
	check "no /proc/memscope after rmmod" [ ! -e $P ]
	check "no /proc/buddy_status after rmmod" [ ! -e /proc/buddy_status ]
	check "no vmalloc left by memscope" not grep -q memscope /proc/vmallocinfo
	for a in 11 99 -1 abc 18446744073709551616; do
		check "insmod selftest_order=$a refused" \
			not insmod $KO selftest_order=$a 2>/dev/null
	done
	check "insmod selftest_order=10" insmod $KO selftest_order=10
	check "dmesg self-test order 10" \
		dgrep "memscope: self-test order 10: \(ok in\|failed after\)"
	check "selftest_order parameter reads 10" \
		[ "$(cat /sys/module/memscope/parameters/selftest_order)" = 10 ]
	check "final rmmod" rmmod memscope
}

# Without the module memscope falls back to procfs and says how to load it.
json_unloaded() {
	memscope -b -n 1 --json --pid 1 --alloc-probe 3 \
		>memscope-nomod.json 2>/dev/null
	rc=$?
	check "memscope -b --json without the module exits 0" [ $rc = 0 ]
	f=memscope-nomod.json
	jqc "without the module sources.buddy is procfs" \
		'.sources.buddy == "procfs"' $f
	jqc "without the module: no maple, no probe" \
		'(.vmas.maple == null) and (.alloc_probe == null)' $f
	jqc "without the module: maple unavailable, says insmod" \
		'[.unavailable[] | select(.what == "maple") | .why | test("insmod")] | any' $f
	memscope -b -n 1 --json --tab buddy --physmap >physmap-nomod.json \
		2>/dev/null
	f=physmap-nomod.json
	jqc "without the module: the map, no migratetypes" \
		'(.physmap.zones | length > 0) and all(.physmap.zones[]; .migratetypes == null)' $f
	jqc "without the module: migratetypes unavailable, says insmod" \
		'[.unavailable[] | select(.what == "migratetypes") | .why | test("insmod")] | any' $f
}

# From the module's first line on: the boot has a QEMU topology warning.
dmesg_clean() {
	dmesg >dmesg.txt
	sed -n '/memscope: /,$p' dmesg.txt >dmesg-memscope.txt
	check "dmesg has no WARNING/BUG/Oops/invalid context/leak report" \
		not grep -q 'WARNING:\|BUG:\|Oops\|sleeping function called from invalid context\|kmemleak\|unreferenced object\|still has objects\|Call Trace\|general protection\|soft lockup\|hung_task\|blocked for more than' dmesg-memscope.txt
	grep 'WARNING:\|BUG:\|Oops\|invalid context\|Call Trace' \
		dmesg-memscope.txt | head -n 10
	grep 'selftest_order' dmesg-memscope.txt | sed 's/^/dmesg: /'
}

# Every process this script started has ended.
all_gone() {
	cleanup
	left=""
	for p in $bg; do
		kill -0 "$p" 2>/dev/null && left="$left $p"
	done
	for n in churn manyvmas sleep memscope maplecheck; do
		left="$left$(pidof $n | sed 's/^/ /')"
	done
	check "every background process ended${left:+ (left:$left)}" \
		[ -z "$left" ]
}

# Warnings and their stack traces go to the console too, so a guest that
# hangs or panics leaves them in console.log (vm.sh boots with loglevel=4).
dmesg -n 5
# ONLY="load stress dmesg_clean" (vm.sh -A) runs some parts alone.
for t in ${ONLY:-boot load modes versions buddy pageblocks maple json probe bench \
	readonly_writes stress unload json_unloaded dmesg_clean all_gone}; do
	echo "== $t (at $(cut -d' ' -f1 /proc/uptime) s)"
	$t
done
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
