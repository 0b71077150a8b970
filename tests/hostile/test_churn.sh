# memscope against live processes that exit, exec and remap while it reads
# them (-d 0.1, batch and explorer), a process at vm.max_map_count VMAs and
# 5,000 processes (root, this machine).
. tests/lib.sh
. tests/hostile/lib.sh

# notes FILE: the distinct "what: why" notes of a JSON Lines file
notes() { jq -r '.unavailable[]? | "\(.what): \(.why)"' "$1" | sort -u; }

# ---- churn: fork/exit storm, exec loop, mmap/mprotect/munmap storm ------
# two samples, as the runs below take: a one-shot opens no BPF, so it
# would lack the notes of BPF programs this kernel refuses
"$MS" -b -n 2 -d 0.1 --json --tab vma > "$tmp/base.json"
notes "$tmp/base.json" > "$tmp/base.notes"
HOSTILE_COMM=Hzfork spawn fork churn fork 30
HOSTILE_COMM=Hzexec spawn exec churn exec 30
ep=$pid
HOSTILE_COMM=Hzmmap spawn mmap churn mmap 30
mp=$pid
ok "churn: the helpers run" test -d "/proc/$ep" -a -d "/proc/$mp"

"$MS" -b -n 20 -d 0.1 --json --tab vma > "$tmp/churn.json" 2> "$tmp/churn.err"
ok "churn: batch JSON exits 0" test $? = 0
ok "churn: 20 samples, each valid JSON" test \
	"$(jq -s length "$tmp/churn.json")" = 20
ok "churn: nothing on stderr" test ! -s "$tmp/churn.err"
ok "churn: the fork storm's children are listed" \
	jq -e '[.processes[] | select(.comm == "Hzfork")] | length > 1' "$tmp/churn.json"
# only notes a vanished process explains may come on top of the quiet ones
notes "$tmp/churn.json" | comm -13 "$tmp/base.notes" - > "$tmp/new.notes"
no "churn: no new note but a vanished process" \
	grep -v -e 'exited' -e 'no such process' "$tmp/new.notes"

"$MS" -b -n 20 -d 0.1 --json --tab vma --pid "$ep" > "$tmp/exec.json" 2>&1
ok "churn: the exec loop's VMAs, 20 samples" test \
	"$(jq -s length "$tmp/exec.json")" = 20
ok "churn: every sample has its VMAs or says why" jq -e \
	'(.vmas.list | length > 0) or ([.unavailable[] | select(.what == "vmas")] | length > 0)' \
	"$tmp/exec.json"
"$MS" -b -n 10 -d 0.1 --json --tab vma --pid "$mp" > "$tmp/mmap.json" 2>&1
ok "churn: the mmap storm's VMAs, 10 samples" test \
	"$(jq -s 'map(select(.vmas.list | length > 10)) | length' "$tmp/mmap.json")" = 10
"$MS" -b -n 10 -d 0.1 > "$tmp/churn.txt" 2>&1
ok "churn: batch text of every tab exits 0" test $? = 0
no "churn: text, no raw control byte" raw "$tmp/churn.txt"

# headline TIMES: the header's notes line, every 0.2 s, into notes.tui
headline() {
	k=0
	while [ $k -lt "$1" ]; do
		screen | sed -n 2p >> "$tmp/notes.tui"
		sleep 0.2; k=$((k + 1))
	done
}
tui churn 250 40 "$MS -d 0.1 --tab vma"
ok "churn tui: the process list" wait_for "Processes" 10
keys / H z e x e c Enter
ok "churn tui: the exec loop's VMAs" drill "Hzexec: "
headline 8
keys Escape Escape Escape / H z m m a p Enter
ok "churn tui: the mmap storm's VMAs" drill "Hzmmap: "
headline 5
keys Escape
sleep 0.3
headline 5
ok "churn tui: the header's notes were read" grep -q 'notes\? (n)' "$tmp/notes.tui"
no "churn tui: no note of a bad read" \
	grep -iE 'invalid|malformed|parse|truncat|cannot|error|garbage' "$tmp/notes.tui"
keys Escape Escape
for t in 1 2 3 4 5; do keys $t; sleep 0.4; done
ok "churn tui: still running" test -n "$(mspid)"
keys q
ok "churn tui: q exits 0" wait_for "EXIT=0"
tmux kill-session -t "$S"
kill $ep $mp 2>/dev/null
for p in $pids; do kill "$p" 2>/dev/null; done

# ---- a process at the VMA limit (vm.max_map_count) ---------------------
max=$(cat /proc/sys/vm/max_map_count)
if [ "$max" -gt 200000 ]; then
	echo "# skipped the VMA limit: vm.max_map_count is $max"
else
	HOSTILE_COMM=Hzvmas spawn vmas vmalimit
	vp=$pid
	lines=$(wc -l < /proc/$vp/maps)
	ok "limit: the helper holds vm.max_map_count VMAs ($lines of $max)" \
		test "$lines" -ge $((max - 1))
	"$MS" -b -n 1 --json --tab vma --pid "$vp" > "$tmp/limit.json"
	ok "limit: batch JSON exits 0" test $? = 0
	got=$(jq -r '"\(.vmas.pid) \(.vmas.list | length)"' "$tmp/limit.json")
	ok "limit: JSON lists every VMA ($got)" test "$got" = "$vp $lines"
	"$MS" -b -n 1 --tab vma --pid "$vp" > "$tmp/limit.txt"
	ok "limit: text counts every VMA" \
		grep -q "^VMAs of pid $vp (Hzvmas): $lines\$" "$tmp/limit.txt"
	"$MS" -b -n 1 --json --tab vma > "$tmp/limitp.json"
	ok "limit: the process list's count" jq -e --argjson p "$vp" \
		--argjson n "$lines" '[.processes[] | select(.pid == $p)][0].vmas == $n' \
		"$tmp/limitp.json"
	tui limit 120 40 "$MS --tab vma"
	wait_for "Processes" 10
	keys / H z v m a s Enter
	keys Enter
	ok "limit tui: the drill-down counts every VMA" \
		wait_for "Hzvmas: $lines VMAs" 30
	keys End
	ok "limit tui: the last VMA" wait_for "[vsyscall]" 30
	keys Escape
	ok "limit tui: back to the list" wait_for "Processes:" 30
	keys Enter
	sleep 0.5
	# a signal in the middle of a long sample still ends it cleanly
	kill -TERM "$(mspid)"
	ok "limit tui: SIGTERM mid-sample exits 0" wait_for "EXIT=0" 30
	ok "limit tui: the terminal is restored" restored
	tmux kill-session -t "$S"
	kill "$vp"
fi

# ---- 5,000 processes ---------------------------------------------------
have=$(ls /proc | grep -c '^[0-9]')
room=$(($(cat /proc/sys/kernel/pid_max) - have))
lim=$(ulimit -p)
if [ "$room" -lt 6000 ] || { [ "$lim" != unlimited ] && [ "$lim" -lt 6000 ]; }; then
	echo "# skipped 5,000 processes: pid_max leaves $room, ulimit -u $lim"
else
	HOSTILE_COMM=Hzkids spawn kids procs 5000
	kp=$pid
	n=$(pgrep -c -x Hzkids)
	ok "5000: the children run ($n)" test "$n" -eq 5001
	"$MS" -b -n 1 --json --tab vma > "$tmp/kids.json"
	ok "5000: batch JSON exits 0" test $? = 0
	ok "5000: the list has every one" jq -e --argjson n "$n" \
		'[.processes[] | select(.comm == "Hzkids")] | length == $n' "$tmp/kids.json"
	ok "5000: at least 5,000 processes" jq -e \
		'.processes | length >= 5000' "$tmp/kids.json"
	tui kids 120 40 "$MS --tab vma"
	wait_for "Processes" 20
	keys / H z k i d s Enter
	ok "5000 tui: the list shows every one" wait_for "Processes: $n shown" 20
	keys q
	ok "5000 tui: q exits 0" wait_for "EXIT=0" 20
	tmux kill-session -t "$S"
	kill "$kp"
	i=0
	while pgrep -x Hzkids >/dev/null && [ $i -lt 100 ]; do
		sleep 0.1; i=$((i + 1))
	done
	no "5000: the children died with their parent" pgrep -x Hzkids
fi
finish
