#!/bin/sh
# Lab VM guest script: a first smoke test of memscope.ko (docs/kmod.md). Run as
#   tests/lab/vm.sh -m kmod/memscope.ko -r tests/lab/kmod-smoke.sh -o DIR
# Ends with "N passed, N failed"; exit status 1 when something failed.
set -u
P=/proc/memscope
KO=/lib/modules/lab/memscope.ko
pass=0 fail=0

ok() {
	pass=$((pass + 1))
	echo "ok: $*"
}

bad() {
	fail=$((fail + 1))
	echo "FAIL: $*"
}

# check DESCRIPTION COMMAND...: ok when the command succeeds.
check() {
	d=$1
	shift
	if "$@"; then ok "$d"; else bad "$d"; fi
}

# not COMMAND...: the command fails.
not() {
	! "$@"
}

# put FILE TEXT: one write(2) of TEXT and a newline; prints ok or the error.
put() {
	r=$(printf '%s\n' "$2" | dd of="$1" bs=4096 conv=notrunc 2>&1) && {
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
	for f in /proc/buddy_status:400 $P/buddy:400 $P/maple:600 \
		$P/alloc_probe:600 $P/slab_bench:600; do
		m=$(stat -c %a "${f%:*}")
		check "mode of ${f%:*} is ${f#*:} ($m)" [ "$m" = "${f#*:}" ]
		check "owner of ${f%:*} is root" \
			[ "$(stat -c %u "${f%:*}")" = 0 ]
	done
}

versions() {
	for f in /proc/buddy_status:memscope-buddy-status \
		$P/buddy:memscope-buddy $P/maple:memscope-maple \
		$P/alloc_probe:memscope-alloc-probe \
		$P/slab_bench:memscope-slab-bench; do
		cat "${f%:*}" >"$(basename "${f%:*}").txt" 2>/dev/null
		v=$(first_line "$(basename "${f%:*}").txt")
		case ${f%:*} in
		*/maple) check "maple before a PID: No data available" \
			[ "$(read_err $P/maple)" = "No data available" ] ;;
		*) check "${f%:*} starts with '${f#*:} 1'" \
			[ "$v" = "${f#*:} 1" ] ;;
		esac
	done
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

# Per zone: sum of free_type equals nr_free (capped 0); free pages in
# buddy agree with /proc/buddyinfo read right after (1 % + 256 pages).
buddy() {
	cat $P/buddy >buddy.txt
	cat /proc/buddyinfo >buddyinfo.txt
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
	a=$(awk '/^nr_free/ { for (i = 2; i <= NF; i++) t += $i * 2 ^ (i - 2) }
		END { print t }' buddy.txt)
	b=$(awk '{ for (i = 5; i <= NF; i++) t += $i * 2 ^ (i - 5) }
		END { print t }' buddyinfo.txt)
	check "free pages: buddy $a, buddyinfo $b" awk -v a="$a" -v b="$b" \
		'BEGIN { d = a - b; if (d < 0) d = -d; exit !(d <= b / 100 + 256) }'
	check "buddy watermarks and page counts equal /proc/zoneinfo" \
		zoneinfo_same
	check "buddy_status has one block per zone" \
		[ "$(grep -c '^Node .*, Zone: ' buddy_status.txt)" = "$zi" ]
	check "buddy_status fragmentation lines" \
		[ "$(grep -c '^  Fragmentation index: ' buddy_status.txt)" = "$zi" ]
}

# Well-formedness of a maple dump; prints "ERR ..." and "VMA start end perms".
MAPLE_AWK='
function hexinc(h,    s, i, c, out, carry) {
	s = substr(h, 3); carry = 1; out = ""
	for (i = length(s); i >= 1; i--) {
		c = index(X, substr(s, i, 1)) - 1 + carry
		carry = c == 16; if (carry) c = 0
		out = substr(X, c + 1, 1) out
	}
	if (carry) out = "1" out
	sub(/^0+/, "", out)
	return "0x" (out == "" ? "0" : out)
}
function hexlt(a, b) {
	a = substr(a, 3); b = substr(b, 3)
	return length(a) != length(b) ? length(a) < length(b) : a < b
}
function err(m) { print "ERR " m; bad++ }
function finish() {
	if (cur < 0) return
	if (cnt != ns[cur]) err("node " cur " has " cnt " slots, says " ns[cur])
	if (lastl != mx[cur]) err("node " cur " last slot ends at " lastl)
}
BEGIN { X = "0123456789abcdef"; cur = -1 }
$1 ~ /^(nodes|slots|vmas|truncated)$/ { hdr[$1] = $2 }
/^node / {
	finish(); cur = $2; nodes++; cnt = 0; nextf = $6
	mx[cur] = $7; ns[cur] = $8; dep[cur] = $4
	if (cur != nodes - 1) err("node id " cur " out of order")
	if ($3 == -1) {
		if (cur != 0 || $4 != 0 || $6 != "0x0" || $7 != "0xffffffffffffffff")
			err("bad root " $0)
	} else if (!(cur in cpar)) {
		err("node " cur " is no child slot of its parent")
	} else if (cpar[cur] != $3 || cmin[cur] != $6 || cmax[cur] != $7 ||
		   dep[$3] + 1 != $4) {
		err("node " cur " range/parent/depth differs from its slot")
	}
	if ($5 !~ /^(leaf_64|range_64|arange_64|dense)$/) err("type " $5)
}
/^pivots / {
	for (i = 4; i <= NF; i++)
		if (!hexlt($(i - 1), $i)) err("pivots of " $2 " do not increase")
}
/^slot / {
	slots++
	if ($2 != cur || $3 != cnt) err("slot " $2 " " $3 " out of order")
	cnt++
	if ($4 != nextf) err("slot " $2 " " $3 " starts at " $4 " not " nextf)
	if (hexlt($5, $4)) err("slot " $2 " " $3 " ends before it starts")
	lastl = $5; nextf = hexinc($5)
	if ($6 == "child") { cpar[$7] = $2; cmin[$7] = $4; cmax[$7] = $5 }
	if ($6 == "vma") {
		vmas++
		if ($7 != $4 || $8 != hexinc($5)) err("vma " $7 "-" $8 " not slot " $4 "-" $5)
		print "VMA " $7 " " $8 " " $9
	}
}
END {
	finish()
	if (hdr["nodes"] != nodes) err("header nodes " hdr["nodes"] " != " nodes)
	if (hdr["slots"] != slots) err("header slots " hdr["slots"] " != " slots)
	if (hdr["truncated"] == 0 && hdr["vmas"] != vmas)
		err("header vmas " hdr["vmas"] " != vma slots " vmas)
	exit bad != 0
}'

# maple_check PID NAME: dump the tree of PID and compare with its maps.
maple_check() {
	expect $P/maple "$1" ok
	cat $P/maple >"maple-$2.txt"
	check "maple $2: version, pid, end" [ "$(first_line "maple-$2.txt")" = \
		"memscope-maple 1" -a "$(sed -n 2p "maple-$2.txt")" = "pid $1" -a \
		"$(tail -n 1 "maple-$2.txt")" = end ]
	awk "$MAPLE_AWK" "maple-$2.txt" >"maple-$2.check"
	check "maple $2: tree well formed ($(grep -c '^node ' "maple-$2.txt") nodes)" \
		[ "$(grep -c ^ERR "maple-$2.check")" = 0 ]
	grep ^ERR "maple-$2.check" | head -n 5
	grep ^VMA "maple-$2.check" | cut -d' ' -f2- >"maple-$2.vmas"
	awk '{ split($1, r, "-"); s = r[1]; e = r[2]
		sub(/^0+/, "", s); sub(/^0+/, "", e)
		print "0x" (s == "" ? "0" : s) " 0x" e " " $2 }' \
		"/proc/$1/maps" >"maps-$2.vmas"
	check "maple $2: VMAs equal /proc/$1/maps ($(wc -l <"maps-$2.vmas"))" \
		cmp -s "maple-$2.vmas" "maps-$2.vmas"
}

maple() {
	for w in garbage -1 0 +5 0x10 "1 2" 4194305 99999999999999999999 \
		"$(printf '%040d' 7)"; do
		expect $P/maple "$w" "Invalid argument"
	done
	expect $P/maple "" "Invalid argument"
	expect $P/maple 2 "Invalid argument"	# kthreadd: no mm
	kt=
	for d in /proc/[0-9]*; do
		[ "$(cat $d/comm 2>/dev/null)" = kswapd0 ] && kt=${d#/proc/}
	done
	check "kswapd0 found ($kt)" [ -n "$kt" ]
	expect $P/maple "$kt" "Invalid argument"
	sleep 0 &
	gone=$!
	wait $gone
	expect $P/maple "$gone" "No such process"
	maple_check 1 init
	sleep 1000 &
	s=$!
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
	exec 4<>$P/maple
	printf '%s\n' "$s" >&4
	expect $P/maple 1 ok
	check "maple per-file PID" [ "$(sed -n 2p <&4)" = "pid $s" ]
	exec 4<&-
	check "maple global PID is the last written" \
		[ "$(sed -n 2p $P/maple)" = "pid 1" ]
	kill $s
}

probe() {
	for w in "order 11" "order 99" "order -1" "order" "order 3 count 0" \
		"order 3 count 65" "order 3 count 99999999999" "order 3 node 2" \
		"order 3 node 99999" "order 3 count 1 count 1" "order 3 foo 1" \
		"order 0x3" "order +3" "count 1 order 3" garbage \
		"$(printf 'order 1 %0200d' 0)"; do
		expect $P/alloc_probe "$w" "Invalid argument"
	done
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
	for i in 1 2 3 4; do
		expect $P/alloc_probe "order 0 count 64" ok
	done
	expect $P/alloc_probe "order 0 count 1" "Device or resource busy"
	sleep 2
	expect $P/alloc_probe "order 0 count 1" ok
	cat $P/alloc_probe >>alloc_probe.txt
}

bench() {
	for w in "size 0 count 10" "size 65537 count 1" "size 64 count 100001" \
		"size 65536 count 2000" "size 8" "size 8 size 8" \
		"size -1 count 1" "size 8 count 1 count 1" garbage; do
		expect $P/slab_bench "$w" "Invalid argument"
	done
	expect $P/slab_bench "size 256 count 10000" ok
	cat $P/slab_bench >slab_bench.txt
	check "slab_bench: four result lines" \
		[ "$(grep -c '^result \(kmem_cache\|kmalloc\) \(alloc\|free\) 10000 0 [0-9]' slab_bench.txt)" = 4 ]
	expect $P/slab_bench "count 5 size 65536" ok
	check "slab_bench: no cache left" not grep -q memscope_bench /proc/slabinfo
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
	exec 3<&- 4<&-
	check "no /proc/memscope after rmmod" [ ! -e $P ]
	check "no vmalloc left by memscope" not grep -q memscope /proc/vmallocinfo
	for a in 11 -1 abc; do
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

# From the module's first line on: the boot has a QEMU topology warning.
dmesg_clean() {
	dmesg >dmesg.txt
	sed -n '/memscope: /,$p' dmesg.txt >dmesg-memscope.txt
	check "dmesg has no WARNING/BUG/Oops/invalid context/leak" \
		not grep -q 'WARNING:\|BUG:\|Oops\|sleeping function called from invalid context\|kmemleak\|Call Trace' dmesg-memscope.txt
	grep 'selftest_order' dmesg-memscope.txt | sed 's/^/dmesg: /'
}

load
modes
versions
buddy
maple
probe
bench
unload
dmesg_clean
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
