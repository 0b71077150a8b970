# --record and --replay (docs/recording.md): round trips on captured
# trees, file mode, no overwrite, replay without root or kernel access,
# truncated and corrupted recordings.
. tests/lib.sh
tmp=$(mktemp -d)
chmod 755 "$tmp"
trap 'rm -rf "$tmp"' EXIT

# the JSON of a sample without "sources" (a replay's say "replay")
nosrc() { sed 's/"sources":{[^}]*}//' "$1"; }
same() { nosrc "$1" > "$tmp/x1" && nosrc "$2" > "$tmp/x2" && cmp -s "$tmp/x1" "$tmp/x2"; }

# round trip: what -b --json printed while recording = what replay prints
roundtrip() { # name, then memscope options
	name=$1; shift
	"$MS" -b -n 5 -d 0.1 --json --record "$tmp/$name.zst" "$@" \
		> "$tmp/$name.live" 2>/dev/null
	"$MS" -b --json --replay "$tmp/$name.zst" > "$tmp/$name.replay" 2>"$tmp/$name.err"
	ok "$name: 5 samples recorded" test "$(wc -l < "$tmp/$name.live")" -eq 5
	ok "$name: replay --json = --json while recording" \
		same "$tmp/$name.live" "$tmp/$name.replay"
	ok "$name: replay sources say replay" jq_ok "$tmp/$name.replay" \
		'[.sources[]] | length > 0 and all(. == "replay")'
}
roundtrip deb12 --root "$FIX/debian12-6.18"
roundtrip twonode --root "$FIX/debian-6.1-2node"
roundtrip hostile --root "$FIX/edge-proc-hostile"
roundtrip drill --root "$FIX/debian12-6.18" --pid 9080 --cache kmalloc-64
# the live system as nobody: only the procfs backend can open (no BPF, no
# taskstats, no memscope.ko), so recording attaches nothing
if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null; then
	chmod 777 "$tmp"
	setpriv --reuid=65534 --regid=65534 --clear-groups "$MS" -b -n 3 \
		-d 0.2 --json --record "$tmp/live.zst" > "$tmp/live.live" 2>/dev/null
	setpriv --reuid=65534 --regid=65534 --clear-groups "$MS" -b --json \
		--replay "$tmp/live.zst" > "$tmp/live.replay" 2>/dev/null
	ok "live (procfs, as nobody): 3 samples" test "$(wc -l < "$tmp/live.replay")" -eq 3
	ok "live (procfs, as nobody): replay --json = --json while recording" \
		same "$tmp/live.live" "$tmp/live.replay"
	ok "live: the recording has the processes" jq_ok "$tmp/live.replay" \
		'(.processes | length) > 1 and .sources.processes == "replay"'
	ok "live: rates replay as recorded (second sample)" sh -c \
		"sed -n 2p '$tmp/live.replay' | jq -e '.reclaim.rates.pgfault >= 0'"
	chmod 755 "$tmp"
elif [ "$(id -u)" -ne 0 ]; then
	roundtrip live
fi
# --tab narrows -b --json, not the recording
"$MS" -b -n 3 -d 0.1 --json --tab buddy --root "$FIX/debian12-6.18" \
	--record "$tmp/tab.zst" > "$tmp/tabb.live"
"$MS" -b --json --tab buddy --replay "$tmp/tab.zst" > "$tmp/tabb.replay"
ok "--tab buddy: replay --tab buddy = what was printed" \
	same "$tmp/tabb.live" "$tmp/tabb.replay"
ok "--tab buddy: printed buddy only" jq_ok "$tmp/tabb.live" \
	'has("buddy") and (has("slab") | not)'
"$MS" -b -n 1 --json --replay "$tmp/tab.zst" > "$tmp/tabb.all"
ok "--tab buddy: the recording has every section" jq_ok "$tmp/tabb.all" \
	'has("buddy") and has("slab") and has("processes") and has("reclaim") and has("numa")'
ok "drill: the VMAs and the cache detail replay" jq_ok "$tmp/drill.replay" \
	'(.vmas.list | length) > 0 and .slab.detail.name == "kmalloc-64"'
# a static capture has no rates, and its replay none either
ok "a capture's rates replay as recorded: none" sh -c \
	"sed -n 2p '$tmp/deb12.replay' | jq -e '.reclaim.rates == {}'"
ok "timestamps are the recorded ones" sh -c \
	"test \"\$(jq -c .timestamp '$tmp/deb12.live')\" = \"\$(jq -c .timestamp '$tmp/deb12.replay')\""

# the file itself
ok "zstdcat reads it: header + 5 samples" \
	test "$(zstdcat "$tmp/deb12.zst" | wc -l)" -eq 6
ok "header line" sh -c "zstdcat '$tmp/deb12.zst' | head -n 1 | jq -e '.memscope_recording == 1 and (.memscope_version | length > 0) and (.kernel | startswith(\"6.18\")) and .interval_s > 0 and .start > 0'"
ok "mode 0600" test "$(stat -c %a "$tmp/deb12.zst")" = 600
(umask 0; "$MS" -b -n 1 --root "$FIX/debian12-6.18" --record "$tmp/um.zst" >/dev/null)
ok "mode 0600 with umask 0" test "$(stat -c %a "$tmp/um.zst")" = 600
cp "$tmp/deb12.zst" "$tmp/keep.zst"
no "an existing file is not overwritten" "$MS" -b -n 1 \
	--root "$FIX/debian12-6.18" --record "$tmp/deb12.zst"
ok "... and is left as it was" cmp -s "$tmp/deb12.zst" "$tmp/keep.zst"
ok "... and says why" sh -c "'$MS' -b -n 1 --root '$FIX/debian12-6.18' --record '$tmp/deb12.zst' 2>&1 | grep -q 'never overwritten'"
no "--replay with --record is refused" "$MS" -b --replay "$tmp/deb12.zst" \
	--record "$tmp/new.zst"
no "a missing recording fails" "$MS" -b --replay "$tmp/nosuch.zst"
ok "text replay prints every tab" sh -c "'$MS' -b --replay '$tmp/deb12.zst' | grep -q '^Slab'"
ok "-n limits a replay" test "$("$MS" -b -n 2 --json --replay "$tmp/deb12.zst" | wc -l)" -eq 2
"$MS" -b -n 1 --json --tab buddy --replay "$tmp/deb12.zst" > "$tmp/tab.json"
ok "--tab buddy: buddy, no slab" jq_ok "$tmp/tab.json" 'has("buddy") and (has("slab") | not)'
zstdcat "$tmp/deb12.zst" | tail -n +2 | zstd -q > "$tmp/plain.zst"
ok "a zstd'd -b --json stream (no header) replays" \
	test "$("$MS" -b --json --replay "$tmp/plain.zst" | wc -l)" -eq 5

# no root, no /proc or /sys: an unprivileged user, an empty --root
if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null; then
	chmod 644 "$tmp/deb12.zst"
	setpriv --reuid=65534 --regid=65534 --clear-groups "$MS" -b --json \
		--replay "$tmp/deb12.zst" > "$tmp/nobody.json" 2>/dev/null
	ok "replay as nobody" same "$tmp/nobody.json" "$tmp/deb12.replay"
fi
mkdir "$tmp/empty"
"$MS" -b --json --replay "$tmp/deb12.zst" --root "$tmp/empty" > "$tmp/empty.json"
ok "--root of an empty dir does not matter to a replay" \
	same "$tmp/empty.json" "$tmp/deb12.replay"
# (the sanitizer's runtime reads /proc/self/maps: not memscope's reading)
ok "strace: a replay opens no /proc or /sys" sh -c "! command -v strace >/dev/null || { strace -f -e trace=open,openat -o '$tmp/st' '$MS' -b --json --replay '$tmp/deb12.zst' >/dev/null 2>&1; ! grep -E '\"/(proc|sys)/' '$tmp/st' | grep -v '/proc/self/'; }"

# a recording killed without closing it replays whole
"$MS" -b -n 1000 -d 0.1 --json --root "$FIX/debian12-6.18" \
	--record "$tmp/killed.zst" > "$tmp/killed.live" &
pid=$!
sleep 1.2
kill -9 $pid
wait $pid 2>/dev/null
"$MS" -b --json --replay "$tmp/killed.zst" > "$tmp/killed.replay" 2>"$tmp/killed.err"
# (the last sample may be recorded but not yet printed)
n=$(wc -l < "$tmp/killed.live")
head -n "$n" "$tmp/killed.replay" > "$tmp/killed.head"
ok "killed recorder: replays every sample it wrote" sh -c \
	"test $n -gt 3 && test \$(wc -l < '$tmp/killed.replay') -le $((n + 1))"
ok "killed recorder: the same samples" same "$tmp/killed.live" "$tmp/killed.head"
ok "killed recorder: says it was not closed" grep -q 'not close' "$tmp/killed.err"

# damage: truncated anywhere, bytes flipped, bad lines
"$MS" -b -n 40 -d 0.1 --json --root "$FIX/debian12-6.18" \
	--record "$tmp/d.zst" > "$tmp/d.live"
size=$(stat -c %s "$tmp/d.zst")
bad=0
for cut in 1 7 100 3000 9999 $((size / 3)) $((size / 2)) $((size - 9)) $((size - 1)); do
	head -c $cut "$tmp/d.zst" > "$tmp/cut.zst"
	"$MS" -b --json --replay "$tmp/cut.zst" > "$tmp/cut.json" 2>"$tmp/cut.err"
	rc=$?
	n=$(wc -l < "$tmp/cut.json")
	# every sample printed is one that was recorded, the end is explained
	# (a cut exactly between two flushed samples looks like a recorder
	# that was killed: "ends", not "damaged")
	head -n "$n" "$tmp/d.live" > "$tmp/cut.want"
	if [ $rc -gt 1 ] || ! same "$tmp/cut.want" "$tmp/cut.json" ||
	   ! grep -Eq "recording (damaged|ends) at sample $((n + 1)) \(byte [0-9]+\): " "$tmp/cut.err"; then
		bad=$((bad + 1)); echo "  cut at $cut: rc $rc, $n samples: $(cat "$tmp/cut.err")"
	fi
done
ok "truncated at 9 offsets: the good samples, then where it stopped" test $bad -eq 0
head -c $((size / 2)) "$tmp/d.zst" > "$tmp/half.zst"
ok "truncated in the second frame: the first frame's 16 samples" sh -c \
	"'$MS' -b --json --replay '$tmp/half.zst' 2>/dev/null | wc -l | grep -qx 16"
bad=0
for off in 40 2000 9000 16000 $((size - 30)); do
	cp "$tmp/d.zst" "$tmp/flip.zst"
	printf '\377\000' | dd of="$tmp/flip.zst" bs=1 seek=$off conv=notrunc 2>/dev/null
	"$MS" -b --json --replay "$tmp/flip.zst" > "$tmp/flip.json" 2>"$tmp/flip.err"
	rc=$?
	n=$(wc -l < "$tmp/flip.json")
	head -n "$n" "$tmp/d.live" > "$tmp/flip.want"
	if [ $rc -ne 1 ] || ! same "$tmp/flip.want" "$tmp/flip.json" ||
	   ! grep -q "recording damaged at sample $((n + 1)) (byte" "$tmp/flip.err"; then
		bad=$((bad + 1)); echo "  flip at $off: rc $rc, $n samples: $(cat "$tmp/flip.err")"
	fi
done
ok "flipped bytes at 5 offsets: the good samples, then where it stopped" test $bad -eq 0
zstdcat "$tmp/d.zst" | awk 'NR == 8 { print substr($0, 1, 200); next } { print }' |
	zstd -q > "$tmp/badjson.zst"
"$MS" -b --json --replay "$tmp/badjson.zst" > "$tmp/o.json" 2>"$tmp/o.err"
ok "invalid JSON at sample 7: 6 samples" test "$(wc -l < "$tmp/o.json")" -eq 6
ok "invalid JSON at sample 7: says so" grep -q 'damaged at sample 7 .*not JSON' "$tmp/o.err"
zstdcat "$tmp/d.zst" | awk 'NR == 8 { print "[1,2]"; next } { print }' |
	zstd -q > "$tmp/wrong.zst"
"$MS" -b --json --replay "$tmp/wrong.zst" > "$tmp/o.json" 2>"$tmp/o.err"
ok "a line of the wrong type: 6 samples and why" sh -c \
	"test \$(wc -l < '$tmp/o.json') -eq 6 && grep -q 'sample 7 .*not a memscope sample' '$tmp/o.err'"
zstdcat "$tmp/d.zst" | sed '3s/"zones":\[/"zones":5,"z":[/; 3s/"meminfo":{/"meminfo":"x","m":{/; 3s/"timestamp":/"future_key":{"a":[1]},"timestamp":/' |
	zstd -q > "$tmp/keys.zst"
"$MS" -b --json --replay "$tmp/keys.zst" > "$tmp/o.json" 2>"$tmp/o.err"
ok "keys of the wrong type or unknown: read as absent, all 40 replay" \
	test "$(wc -l < "$tmp/o.json")" -eq 40
ok "... the sample after is whole" sh -c "sed -n 3p '$tmp/o.json' | jq -e '.buddy.zones | length > 0'"
ok "... that sample has no buddy zones" sh -c "sed -n 2p '$tmp/o.json' | jq -e 'has(\"meminfo\") | not'"

# the explorer: replay controls and recording while paused (private tmux)
if command -v tmux >/dev/null; then
	. tests/tui/lib.sh
	trap 'tui_cleanup; rm -rf "$tmp"' EXIT
	S=r
	"$MS" -b -n 30 -d 0.5 --root "$FIX/debian12-6.18" --record "$tmp/t.zst" >/dev/null
	tmux new-session -d -s $S -x 120 -y 40 "'$MS' --replay '$tmp/t.zst'"
	ok "replay: the header says REPLAY and the sample" wait_for " 1/30 x1"
	keys p
	ok "p pauses" wait_for "PAUSED"
	keys g 2 0 Enter
	ok "g 20 seeks to sample 20" wait_for " 20/30 x1"
	keys ,
	ok ", steps back" wait_for " 19/30 x1"
	keys .
	ok ". steps forward" wait_for " 20/30 x1"
	# a bookmark from the Slab tab: the Buddy tab's zone list takes m
	# for the zone's map (docs/keys.md), in a replay too
	keys 2
	keys m
	ok "m sets a bookmark (M)" wait_for " 20/30 x1 M"
	keys g 0 : 0 5 Enter
	ok "g 0:05 seeks 5 s in (sample 11 at 0.5 s)" wait_for " 11/30 x1"
	keys "'"
	ok "' goes to the next bookmark" wait_for " 20/30 x1 M"
	keys '"'
	ok '" with no bookmark before says so' wait_for "no bookmark that way"
	keys + + -
	ok "+ + - : x2" wait_for " 20/30 x2"
	keys g 9 9 Enter
	ok "g with a sample out of range says what it takes" wait_for "g: 1..30, 1:30, 90s"
	keys g 2 9 Enter p
	ok "plays to the end and pauses there" wait_re " 30/30 x2 END +PAUSED"
	keys '?'
	ok "help lists the bookmark" scroll_to "bookmarks: 20 (0:09)"
	ok "help says what the recording is" wait_for "recording: 30 samples from "
	keys Escape q
	sleep 0.3
	ok "FILE.marks holds it" test "$(cat "$tmp/t.zst.marks")" = 20
	tmux kill-session -t $S 2>/dev/null

	tmux new-session -d -s $S -x 120 -y 40 "'$MS' -d 0.2 --root '$FIX/debian12-6.18' --record '$tmp/tui.zst'"
	wait_for "Buddy" >/dev/null
	keys p
	wait_for "PAUSED" >/dev/null
	a=$(zstdcat "$tmp/tui.zst" 2>/dev/null | wc -l)
	sleep 1.5
	b=$(zstdcat "$tmp/tui.zst" 2>/dev/null | wc -l)
	keys q
	sleep 0.5
	tmux kill-session -t $S 2>/dev/null
	ok "explorer: recording goes on while paused ($a -> $b lines)" test "$b" -ge $((a + 4))
	"$MS" -b --json --replay "$tmp/tui.zst" > "$tmp/tui.json"
	ok "explorer: every sample has every section (Buddy tab shown)" sh -c \
		"jq -e 'has(\"buddy\") and has(\"slab\") and has(\"processes\") and has(\"reclaim\") and has(\"numa\")' '$tmp/tui.json' | grep -qvx true; test \$? -ne 0"
fi
finish
