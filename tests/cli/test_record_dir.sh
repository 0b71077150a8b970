#!/bin/sh
# memscope record --dir (docs/fleet.md): rotation within --max-size, the
# oldest file first, modes, a SIGKILLed recorder and its restart, the
# directory replayed as one timeline, --from/--to/--at windows, --keep,
# the directories refused; the systemd unit. Recorders sample a captured
# tree at -d 0.2; every wait is for a state, bounded, not for a time.
. tests/lib.sh
tmp=$(mktemp -d)
chmod 755 "$tmp"
pids=""
trap 'for p in $pids; do kill -9 $p 2>/dev/null; done; rm -rf "$tmp"' EXIT
TREE="$FIX/debian12-6.18"

# start DIR [options]: a recorder in the background; its pid in $pid
start() {
	d=$1; shift
	"$MS" record --dir "$d" -d 0.2 --root "$TREE" "$@" 2>>"$tmp/rec.err" &
	pid=$!
	pids="$pids $pid"
}
# until "what" command: wait up to 60 s for the command to succeed
until_ok() {
	what=$1; shift
	i=0
	while ! "$@" >/dev/null 2>&1; do
		i=$((i + 1))
		if [ $i -gt 600 ]; then
			echo "# gave up waiting: $what"
			return 1
		fi
		sleep 0.1
	done
}
# stop PID SIGNAL: signal it and wait for its exit status in $rc
stop() {
	kill -"$2" "$1"
	wait "$1" 2>/dev/null
	rc=$?
}
files() { ls "$1" | grep '^memscope-.*\.zst$'; }
nfiles() { files "$1" | wc -l; }
samples() { "$MS" -b --json --replay "$1" 2>/dev/null | wc -l; }
stamps() { r=$1; shift; "$MS" -b --json --replay "$r" "$@" 2>/dev/null | jq -r .timestamp; }
total_size() { s=0; for f in $(files "$1"); do s=$((s + $(stat -c %s "$1/$f"))); done; echo $s; }
mode() { stat -c %a "$1"; }

# ---- rotation by size, the bound, the oldest first, modes ----------------
d=$tmp/small
start "$d" --max-size 64K
seen=$tmp/seen
: > "$seen"
# every name seen while it runs, until the first file has gone and 8
# have been made
gone() {
	files "$d" >> "$seen"
	[ -n "$first" ] || first=$(files "$d" | head -n 1)
	[ -n "$first" ] && [ ! -e "$d/$first" ] && [ "$(nfiles "$d")" -ge 3 ] &&
		[ "$(sed 's/Z[-.].*/Z/' "$seen" | sort -u | wc -l)" -ge 8 ]
}
first=""
until_ok "the first file removed" gone
stop $pid TERM
files "$d" >> "$seen" # and those it made since the last look
ok "SIGTERM: the recorder exits 0" test "$rc" -eq 0
ok "the directory is made 0700" test "$(mode "$d")" = 700
ok "every file is 0600" sh -c "! find '$d' -type f ! -perm 600 | grep -q ."
ok "files rotate by size: several files" test "$(nfiles "$d")" -ge 3
ok "within --max-size 64K: $(total_size "$d") bytes" \
	test "$(total_size "$d")" -le 65536
ok "every file is closed with its span: memscope-START-END.zst" sh -c \
	"files '$d' | grep -vqE '^memscope-[0-9]{8}T[0-9]{6}\.[0-9]{3}Z-[0-9]{8}T[0-9]{6}\.[0-9]{3}Z\.zst$' && exit 1 || exit 0"
# the files left are the newest of all seen (by start), the oldest went
# (by start: a file seen open had no end in its name yet)
sed 's/Z[-.].*/Z/' "$seen" | sort -u > "$tmp/starts"
files "$d" | sed 's/Z[-.].*/Z/' > "$tmp/left"
k=$(wc -l < "$tmp/left")
ok "the oldest files went first: the $k left are the newest of $(wc -l < "$tmp/starts")" \
	sh -c "tail -n $k '$tmp/starts' | cmp -s - '$tmp/left'"
tail -n "$k" "$tmp/starts" | cmp -s - "$tmp/left" ||
	{ echo "# seen:"; cat "$tmp/starts"; echo "# left:"; cat "$tmp/left"; }
n=0
for f in $(files "$d"); do n=$((n + $(samples "$d/$f"))); done
ok "--replay DIR: every file's samples, one timeline ($n)" \
	test "$(samples "$d")" -eq "$n"
stamps "$d" > "$tmp/st"
ok "--replay DIR: in time order" sh -c "sort -n -c '$tmp/st'"

# ---- SIGKILL, restart, one timeline --------------------------------------
d=$tmp/kill
start "$d"
open_file() { files "$d" | grep -v 'Z-'; }
five() { f=$(open_file) && [ -n "$f" ] && [ "$(samples "$d/$f")" -ge 5 ]; }
until_ok "5 samples in the open file" five
killed=$(open_file)
seen_n=$(samples "$d/$killed")
stop $pid KILL
ok "SIGKILL leaves the file open (no end in its name)" test -e "$d/$killed"
c1=$(samples "$d/$killed")
ok "the killed file replays: $c1 samples, at least the $seen_n seen" \
	test "$c1" -ge "$seen_n"
start "$d"
second() { [ "$(nfiles "$d")" -eq 2 ] && f=$(open_file) && [ -n "$f" ] &&
	[ "$(samples "$d/$f")" -ge 3 ]; }
until_ok "a second file with 3 samples" second
stop $pid TERM
ok "after SIGKILL the next start continues in a new file" \
	test "$(nfiles "$d")" -eq 2
ok "the killed file got its span at the next start" \
	sh -c "! ls '$d' | grep -q '^$killed\$' && ls '$d' | grep -q '^${killed%.zst}-'"
ok "the restart said what it found" grep -q "$c1 samples" "$tmp/rec.err"
f1=$(files "$d" | head -n 1)
f2=$(files "$d" | tail -n 1)
c2=$(samples "$d/$f2")
ok "--replay DIR: $c1 + $c2 samples" test "$(samples "$d")" -eq $((c1 + c2))
"$MS" -b --json --replay "$d" > /dev/null 2> "$tmp/kill.err"
ok "--replay DIR: exit 0, the unclosed file is no damage" test $? -eq 0
# the killed file's end is its last sample
last=$(stamps "$d/$f1" | tail -n 1)
ok "the killed file's name ends at its last sample" sh -c \
	"echo '$f1' | grep -q -- \"-\$(TZ=UTC0 date -d @$last +%Y%m%dT%H%M%S)\""

# ---- a truncated last file still replays ---------------------------------
cp -r "$d" "$tmp/cut"
size=$(stat -c %s "$tmp/cut/$f2")
truncate -s $((size - 30)) "$tmp/cut/$f2"
nc=$(samples "$tmp/cut")
ok "a truncated last file: $nc samples, the first file whole and some of the last" \
	test "$nc" -gt "$c1" -a "$nc" -lt $((c1 + c2))
"$MS" -b --json --replay "$tmp/cut" > /dev/null 2> "$tmp/cut.err"
ok "  exit 0 (a killed recorder's end)" test $? -eq 0
ok "  the cut is said, with the file's name" grep -q "$f2: recording damaged.*cut short" "$tmp/cut.err"
no "  the file alone: damaged (exit 1)" "$MS" -b --json --replay "$tmp/cut/$f2"

# ---- windows: --from, --to, --at ----------------------------------------
stamps "$d" > "$tmp/all"
t3=$(sed -n 3p "$tmp/all")
t5=$(sed -n 5p "$tmp/all")
stamps "$d" --from "@$t3" --to "@$t5" > "$tmp/w"
ok "--from @T3 --to @T5: samples 3 to 5" sh -c "sed -n 3,5p '$tmp/all' | cmp -s - '$tmp/w'"
# across the two files: the last of the first and the first of the second
ta=$(sed -n "${c1}p" "$tmp/all")
tb=$(sed -n "$((c1 + 1))p" "$tmp/all")
stamps "$d" --from "@$ta" --to "@$tb" > "$tmp/w"
ok "a window across two files" sh -c "printf '%s\n%s\n' '$ta' '$tb' | cmp -s - '$tmp/w'"
stamps "$d" --from "@$t3" > "$tmp/w"
ok "--from alone: to the end" test "$(wc -l < "$tmp/w")" -eq $(($(wc -l < "$tmp/all") - 2))
stamps "$d" --at "@$t5" -n 1 > "$tmp/w"
ok "-b --at T -n 1: the sample at T" test "$(cat "$tmp/w")" = "$t5"
# local time, seconds included, in a zone set here
loc=$(TZ=Asia/Tokyo date -d "@${t5%.*}" '+%Y-%m-%d %H:%M:%S')
TZ=Asia/Tokyo "$MS" -b --json --replay "$d" --from "$loc" -n 1 2>/dev/null |
	jq -r .timestamp > "$tmp/w"
ok "--from \"$loc\" (TZ=Asia/Tokyo): the first sample from that second" \
	sh -c "awk -v t=${t5%.*} '\$1 >= t' '$tmp/all' | head -n 1 | cmp -s - '$tmp/w'"
# -b reads only the files whose names may hold the window: a damaged
# file of 2020 is not read for a window of today
cp -r "$d" "$tmp/skip"
head -c 3000 /dev/urandom > "$tmp/skip/memscope-20200101T000000.000Z-20200101T005959.000Z.zst"
"$MS" -b --json --replay "$tmp/skip" --from "@$t3" --to "@$t5" > "$tmp/w" 2> "$tmp/skip.err"
rc=$?
cat "$tmp/skip.err"
ok "a window skips the files outside it (exit 0, nothing said, 3 samples)" \
	test "$rc" -eq 0 -a ! -s "$tmp/skip.err" -a "$(wc -l < "$tmp/w")" -eq 3
no "the whole directory reads it: damaged" "$MS" -b --json --replay "$tmp/skip"
"$MS" -b --json --replay "$tmp/skip" 2>&1 >/dev/null | grep -q "memscope-20200101T000000.000Z-20200101T005959.000Z.zst: "
ok "  and says which file" test $? -eq 0
no "a window with no sample: exit 1" "$MS" -b --json --replay "$d" --from @1 --to @2
no "--from without -b: refused" "$MS" --replay "$d" --from @1
no "--at without --replay: refused" "$MS" -b -n 1 --at -2h
no "an invalid time: refused" "$MS" -b --replay "$d" --at "yesterday"

# ---- --keep: old files go, by the time of their samples ------------------
d=$tmp/keep
mkdir -m 700 "$d"
src=$tmp/kill/$f1
# an old file: the samples and the name 30 and 10 days back
old() { # DAYS
	off=$(($1 * 86400))
	t0=$(stamps "$src" | head -n 1)
	t1=$(stamps "$src" | tail -n 1)
	s=$(TZ=UTC0 date -d "@$(awk "BEGIN { printf \"%d\", $t0 - $off }")" +%Y%m%dT%H%M%S.000Z)
	e=$(TZ=UTC0 date -d "@$(awk "BEGIN { printf \"%d\", $t1 - $off + 1 }")" +%Y%m%dT%H%M%S.000Z)
	# (a plain --json stream replays too: no header line needed)
	"$MS" -b --json --replay "$src" 2>/dev/null |
		jq -c ".timestamp -= $off" | zstd -q > "$d/memscope-$s-$e.zst"
	chmod 600 "$d/memscope-$s-$e.zst"
	echo "memscope-$s-$e.zst"
}
o30=$(old 30)
o10=$(old 10)
ok "an old file made for the test replays in the past" \
	test "$(stamps "$d/$o30" | head -n 1 | cut -d. -f1)" -lt "$(($(date +%s) - 29 * 86400))"
start "$d" --keep 20d
one() { [ -n "$(open_file)" ]; }
until_ok "the recorder's first file" one
stop $pid TERM
ok "--keep 20d: the 30-day-old file removed" test ! -e "$d/$o30"
ok "--keep 20d: the 10-day-old file kept" test -e "$d/$o10"
ok "--keep 20d: the new file kept" test "$(nfiles "$d")" -eq 2
ok "--replay DIR: the old file and the new one, in order" sh -c \
	"'$MS' -b --json --replay '$d' | jq -r .timestamp | sort -n -c"

# ---- directories refused, one recorder per directory ---------------------
mkdir "$tmp/open"
chmod 777 "$tmp/open"
"$MS" record --dir "$tmp/open" --root "$TREE" 2> "$tmp/e"
ok "a world-writable directory: refused (exit 1)" test $? -eq 1
ok "  and said" grep -q "writable by everyone (mode 0777): refused; chmod 700" "$tmp/e"
chmod 770 "$tmp/open"
no "a group-writable directory: refused" "$MS" record --dir "$tmp/open" --root "$TREE"
ok "nothing written into a refused directory" test -z "$(ls "$tmp/open")"
if [ "$(id -u)" -eq 0 ]; then
	mkdir -m 700 "$tmp/theirs"
	chown 65534 "$tmp/theirs"
	"$MS" record --dir "$tmp/theirs" --root "$TREE" 2> "$tmp/e"
	ok "another user's directory: refused" grep -q "belongs to uid 65534" "$tmp/e"
fi
mkdir -m 755 "$tmp/narrow"
start "$tmp/narrow"
narrowed() { [ "$(mode "$tmp/narrow")" = 700 ] && [ "$(nfiles "$tmp/narrow")" -ge 1 ]; }
until_ok "a recorder in a 0755 directory" narrowed
"$MS" record --dir "$tmp/narrow" --root "$TREE" 2> "$tmp/e"
ok "a second recorder on the same directory: refused" grep -q "another memscope record" "$tmp/e"
stop $pid TERM
ok "a 0755 directory is narrowed to 0700" test "$(mode "$tmp/narrow")" = 700
no "--max-size 1Q: refused" "$MS" record --dir "$tmp/x" --max-size 1Q
no "--keep soon: refused" "$MS" record --dir "$tmp/x" --keep soon
no "no --dir: refused" "$MS" record
ok "record --help" sh -c "'$MS' record --help | grep -q -- --max-size"

# ---- the explorer: --at and seeking across the files (private tmux) -----
if command -v tmux >/dev/null; then
	. tests/tui/lib.sh
	trap 'tui_cleanup; for p in $pids; do kill -9 $p 2>/dev/null; done; rm -rf "$tmp"' EXIT
	TUI_NAME=recdir
	# two files of 5 samples a minute apart (the screen stays on each a
	# minute at x1), the second 10 minutes after the first began
	mkdir -m 700 "$tmp/slow"
	"$MS" -b --json --replay "$tmp/kill/$f1" -n 5 2>/dev/null > "$tmp/five"
	[ "$(wc -l < "$tmp/five")" -eq 5 ] || echo "# fewer than 5 samples to make the files of"
	base=$(head -n 1 "$tmp/five" | jq .timestamp)
	jq -c ".timestamp = $base + 60 * (input_line_number - 1)" "$tmp/five" |
		zstd -q > "$tmp/slow/a.zst"
	jq -c ".timestamp = $base + 600 + 60 * (input_line_number - 1)" "$tmp/five" |
		zstd -q > "$tmp/slow/b.zst"
	at=$(awk "BEGIN { printf \"%.3f\", $base + 660 }")
	session 120 40 "TZ=UTC0 '$MS' --replay '$tmp/slow' --at @$at"
	ok "explorer --at @T: the 7th of 10 samples (the second file's second)" \
		wait_for " 7/10 x1"
	keys p
	keys g 3 Enter
	ok "g 3: back into the first file" wait_for " 3/10 x1"
	keys . . .
	ok ". . .: stepping from the first file into the second" wait_for " 6/10 x1"
	keys g 1 1 : 0 0 Enter
	ok "g 11:00: 11 minutes into the directory, in the second file" \
		wait_for " 7/10 x1"
	keys g 4 : 0 0 Enter
	ok "g 4:00: the first file's last sample" wait_for " 5/10 x1"
	keys g "@$(awk "BEGIN { printf \"%.3f\", $base + 120 }")" Enter
	ok "g @EPOCH: the sample taken then" wait_for " 3/10 x1"
	keys g "$(TZ=UTC0 date -d "@$(awk "BEGIN { printf \"%d\", $base + 600 }")" '+%Y-%m-%d %H:%M:%S')" Enter
	ok "g 'YYYY-MM-DD HH:MM:SS' (the session's TZ): the first sample from then" \
		wait_for " 6/10 x1"
	keys g @1 Enter
	ok "g @1 (before it all): the first sample" wait_for " 1/10 x1"
	keys g "@$(awk "BEGIN { printf \"%d\", $base + 10000 }")" Enter
	ok "g after the end: says what g takes" wait_for "@EPOCH, -2h or"
	keys '?'
	ok "help: the directory's samples" scroll_to "recording: 10 samples"
	raw 120 40 "'$MS' --replay '$tmp/slow' --at @$(awk "BEGIN { printf \"%d\", $base + 10000 }")"
	ok "explorer --at after the end: an error, exit 1" wait_for "EXIT=1"
	ok "  that says where the recording ends" wait_for "the recording ends before that"
fi

# ---- the systemd unit ----------------------------------------------------
unit=dist/memscope-record.service
ok "the unit runs memscope record" grep -q '^ExecStart=.*memscope record --dir' "$unit"
if command -v systemd-analyze >/dev/null; then
	# verify checks ExecStart's binary exists: this build stands for it
	sed "s|/usr/bin/memscope|$(pwd)/$MS|" "$unit" > "$tmp/memscope-record.service"
	ok "systemd-analyze verify" systemd-analyze verify "$tmp/memscope-record.service"
	ok "systemd-analyze security: exposure below 5" sh -c \
		"systemd-analyze security --offline=true '$tmp/memscope-record.service' 2>/dev/null |
		 awk '/Overall exposure level/ { exit !(\$(NF-2) + 0 < 5) }'"
fi
finish
