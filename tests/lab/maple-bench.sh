#!/bin/sh
# Lab VM guest script of the maple benchmark (tests/bench/maple.sh, make
# bench): memscope.ko's dump of a 60,000-VMA process's maple tree against
# reading its /proc/PID/maps, best of ROUNDS interleaved. Needs in /bin:
# manyvmas, mapletime; the module loaded. Ends with a "maple:" line.
set -u
MANY=${MANY:-60000}
ROUNDS=${ROUNDS:-7}
mv=""
trap '[ -n "$mv" ] && kill $mv 2>/dev/null' EXIT

fail() {
	echo "maple: FAIL $*"
	exit 1
}

[ -e /proc/memscope/maple ] || fail "no /proc/memscope/maple (module not loaded)"
manyvmas "$MANY" >manyvmas.out &
mv=$!
i=0
while ! grep -q ready manyvmas.out 2>/dev/null && [ $i -lt 600 ]; do
	sleep 0.1
	i=$((i + 1))
done
grep -qx "ready $mv" manyvmas.out || fail "manyvmas $MANY did not get ready"
# one untimed pass of each: the first read of maps walks cold caches
mapletime "$mv" 1 >/dev/null || fail "mapletime: cannot read"
r=$(mapletime "$mv" "$ROUNDS") || fail "mapletime: cannot read"
echo "mapletime: $r"
set -- $r
[ $# = 14 ] || fail "mapletime printed: $*"
maps=$2 cat=$4 maple=$6 mb=$8 xb=${10} lines=${12} vmas=${14}
[ "$vmas" = "$lines" ] || fail "the dump has $vmas VMAs, maps $lines lines"
awk -v m="$maps" -v c="$cat" -v x="$maple" -v mb="$mb" -v xb="$xb" \
	-v n="$vmas" -v r="$ROUNDS" -v k="$(uname -r)" 'BEGIN {
	printf "maple: %d VMAs (kernel %s, best of %d): read /proc/PID/maps = 1.00 (%d bytes), cat /proc/PID/maps %.2f, the module'"'"'s maple dump %.2f (%d bytes, %.2f bytes per maps byte)\n",
		n, k, r, mb, c / m, x / m, xb, xb / mb }'
