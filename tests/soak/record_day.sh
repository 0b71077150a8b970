#!/bin/sh
# A day of `memscope record --dir` in minutes (make soak-record; make check
# runs a short one, tests/soak/test_record_day.sh): two recorders on a
# captured tree under libfaketime's clock, started at 2026-12-06 00:00 UTC
# and running DAY_SPEED times faster, one bound by age (--keep), one by
# size (--max-size). The bounds hold at every look, files turn over on the
# hour, RSS and descriptors stay flat, and the day replays as one timeline
# with --from/--to/--at windows. docs/fleet.md says why a faked clock.
cd "$(dirname "$0")/../.." || exit 2
. tests/lib.sh
HOURS=${DAY_HOURS:-24}
SPEED=${DAY_SPEED:-120}
DELAY=${DAY_DELAY:-10}
KEEP_H=${DAY_KEEP_H:-6}
MAX_KB=${DAY_MAX_KB:-1024}
# RSS growth allowed from the first look after hour 1 to the last (the
# larger of the two, as the explorer's soak: docs/testing.md)
RSS_TOL_KB=2048
RSS_TOL_PCT=5
T0=1796515200 # 2026-12-06 00:00:00 UTC
TREE=$FIX/debian12-6.18
LIB=""
for l in /usr/lib/*/faketime/libfaketime.so.1 /usr/lib/faketime/libfaketime.so.1; do
	[ -r "$l" ] && LIB=$l && break
done
if [ -z "$LIB" ]; then
	echo "# skipped: no libfaketime (apt-get install libfaketime)"
	finish
	exit
fi
tmp=$(mktemp -d)
pa="" pb=""
trap 'kill -9 $pa $pb 2>/dev/null; rm -rf "$tmp"' EXIT
export TZ=UTC0

# rec DIR options...: a recorder on the faked clock; its pid in $pid
rec() {
	d=$1; shift
	LD_PRELOAD=$LIB FAKETIME="@2026-12-06 00:00:00 x$SPEED" \
		"$MS" record --dir "$d" -d "$DELAY" --root "$TREE" "$@" \
		2>>"$tmp/err" &
	pid=$!
}
files() { ls "$1" 2>/dev/null | grep '^memscope-.*\.zst$'; }
total() { s=0; for f in $(files "$1"); do s=$((s + $(stat -c %s "$1/$f" 2>/dev/null || echo 0))); done; echo $s; }
# epoch NAME-STAMP: 20261206T010000.363Z -> seconds (the milliseconds cut)
epoch() { echo "$1" | sed -E 's/^(....)(..)(..)T(..)(..)(..).*/\1-\2-\3 \4:\5:\6/' | xargs -I{} date -d "{} UTC" +%s; }
starts() { files "$1" | sed -E 's/^memscope-([^-.]*)\..*/\1/'; }
# the hour of the faked clock A's newest file began in (0 before any)
hour() { s=$(starts "$tmp/a" | tail -n 1); [ -n "$s" ] && echo $((($(epoch "$s") - T0) / 3600)) || echo 0; }
rss() { awk '/^VmRSS/ { print $2 }' /proc/"$1"/status; }
nfd() { ls /proc/"$1"/fd | wc -l; }

rec "$tmp/a" --keep "${KEEP_H}h" --max-size 0
pa=$pid
rec "$tmp/b" --keep 0 --max-size "${MAX_KB}K"
pb=$pid
max_b=0 looks=0 base_a="" base_b=""
# every look: B within its size, the series of RSS and descriptors; the
# day's end is when A turns over into hour HOURS (at most 3 times the
# faked day in real seconds, and a minute)
limit=$((HOURS * 3600 * 3 / SPEED + 60))
i=0
while [ "$(hour)" -lt "$HOURS" ] && [ $i -lt $((limit * 2)) ]; do
	kill -0 $pa 2>/dev/null && kill -0 $pb 2>/dev/null || break
	h=$(hour)
	b=$(total "$tmp/b")
	[ "$b" -gt "$max_b" ] && max_b=$b
	line="$h $(rss $pa) $(nfd $pa) $(rss $pb) $(nfd $pb)"
	echo "$line" >> "$tmp/series"
	[ -z "$base_a" ] && [ "$h" -ge 1 ] && base_a=$line
	looks=$((looks + 1))
	sleep 0.5
	i=$((i + 1))
done
end_a=$(tail -n 1 "$tmp/series")
ok "the faked day reached hour $HOURS ($looks looks)" test "$(hour)" -ge "$HOURS"
kill -TERM $pa $pb
wait $pa; ra=$?
wait $pb; rb=$?
pa="" pb=""
ok "SIGTERM: both recorders exit 0 ($ra, $rb)" test "$ra" = 0 -a "$rb" = 0
ok "nothing said but the start (stderr)" \
	sh -c "! grep -v '^memscope record: into' '$tmp/err' | grep -q ."
grep -v '^memscope record: into' "$tmp/err" | head -n 5

# ---- the age bound (A) --------------------------------------------------
ok "files 0600 in a 0700 directory" sh -c \
	"[ \$(stat -c %a '$tmp/a') = 700 ] && ! find '$tmp/a' -type f ! -perm 600 | grep -q ."
ok "every file closed with its span after SIGTERM" sh -c \
	"! ls '$tmp/a' | grep -vqE '^memscope-[0-9T.]+Z-[0-9T.]+Z\.zst$'"
bad=0
for f in $(files "$tmp/a"); do
	s=$(echo "$f" | sed -E 's/^memscope-([^-]*)-.*/\1/')
	e=$(echo "$f" | sed -E 's/^memscope-[^-]*-([^.]*)\..*/\1/')
	[ $(($(epoch "$s") / 3600)) -eq $(($(epoch "$e") / 3600)) ] || bad=$((bad + 1))
done
n=$(files "$tmp/a" | wc -l)
ok "files turn over on the hour: $n files, each within one hour" test $bad -eq 0 -a "$n" -ge 2
last=$(files "$tmp/a" | tail -n 1 | sed -E 's/^memscope-[^-]*-([^.]*)\..*/\1/')
oldest=$(files "$tmp/a" | head -n 1 | sed -E 's/^memscope-[^-]*-([^.]*)\..*/\1/')
first=$(starts "$tmp/a" | head -n 1)
tl=$(epoch "$last")
ok "--keep ${KEEP_H}h: the oldest file ends within ${KEEP_H} h of the last sample" \
	test "$(epoch "$oldest")" -ge $((tl - KEEP_H * 3600))
ok "  and the hours before went (the first file left began at hour $((($(epoch "$first") - T0) / 3600)))" \
	test "$(epoch "$first")" -ge $((T0 + (HOURS - KEEP_H - 1) * 3600))
ok "  at most $((KEEP_H + 2)) files left ($n)" test "$n" -le $((KEEP_H + 2))

# ---- the size bound (B) -------------------------------------------------
ok "--max-size ${MAX_KB}K: at most $((MAX_KB * 1024)) bytes at every look (most: $max_b)" \
	test "$max_b" -le $((MAX_KB * 1024)) -a "$(total "$tmp/b")" -le $((MAX_KB * 1024))
fb=$(starts "$tmp/b" | head -n 1)
ok "  the oldest went first: the first file left began at hour $((($(epoch "$fb") - T0) / 3600))" \
	test "$(epoch "$fb")" -gt "$T0"
nb=$(files "$tmp/b" | wc -l)
ok "  files rotate by size too: $nb files" test "$nb" -ge 3

# ---- flat RSS and descriptors -------------------------------------------
# look: "hour rssA fdA rssB fdB"
flat() { # flat NAME BASE END COL
	b=$(echo "$2" | cut -d' ' -f"$3")
	e=$(echo "$end_a" | cut -d' ' -f"$3")
	tol=$((b * RSS_TOL_PCT / 100))
	[ $tol -lt $RSS_TOL_KB ] && tol=$RSS_TOL_KB
	ok "$1 RSS flat from hour $(echo "$2" | cut -d' ' -f1) to $HOURS: $b -> $e KiB (tolerance $tol)" \
		test "$e" -le $((b + tol))
}
flat A "$base_a" 2
flat B "$base_a" 4
ok "A's descriptors flat: $(echo "$base_a" | cut -d' ' -f3) -> $(echo "$end_a" | cut -d' ' -f3)" \
	test "$(echo "$base_a" | cut -d' ' -f3)" = "$(echo "$end_a" | cut -d' ' -f3)"
ok "B's descriptors flat: $(echo "$base_a" | cut -d' ' -f5) -> $(echo "$end_a" | cut -d' ' -f5)" \
	test "$(echo "$base_a" | cut -d' ' -f5)" = "$(echo "$end_a" | cut -d' ' -f5)"
echo "# hour RSS(A) KiB fds(A) RSS(B) KiB fds(B), the last look of each hour:"
awk '{ l[$1] = $0 } END { for (h in l) print l[h] }' "$tmp/series" | sort -n |
	sed 's/^/#   /'

# ---- the day replayed ---------------------------------------------------
"$MS" -b --json --replay "$tmp/a" 2>/dev/null | jq -r .timestamp > "$tmp/all"
ok "--replay DIR: one timeline of $(wc -l < "$tmp/all") samples, in order" \
	sh -c "[ -s '$tmp/all' ] && sort -n -c '$tmp/all'"
h=$((HOURS - 2))
from=$(date -d "@$((T0 + h * 3600))" '+%Y-%m-%d %H:%M')
to=$(date -d "@$((T0 + h * 3600 + 600))" '+%Y-%m-%d %H:%M')
"$MS" -b --json --replay "$tmp/a" --from "$from" --to "$to" 2>/dev/null |
	jq -r .timestamp > "$tmp/w"
awk -v a=$((T0 + h * 3600)) -v b=$((T0 + h * 3600 + 600)) '$1 >= a && $1 <= b' \
	"$tmp/all" > "$tmp/want"
ok "--from '$from' --to '$to': the $(wc -l < "$tmp/want") samples of those ten minutes" \
	sh -c "[ -s '$tmp/w' ] && cmp -s '$tmp/w' '$tmp/want'"
at=$((T0 + h * 3600 + 330))
"$MS" -b --json -n 1 --replay "$tmp/a" --at "$(date -d "@$at" '+%Y-%m-%d %H:%M:%S')" \
	2>/dev/null | jq -r .timestamp > "$tmp/at"
ok "--at '$(date -d "@$at" '+%Y-%m-%d %H:%M:%S')': the first sample from then" \
	sh -c "awk -v a=$at '\$1 >= a' '$tmp/all' | head -n 1 | cmp -s - '$tmp/at'"
finish
