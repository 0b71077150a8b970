#!/bin/sh
# Batch mode never shows a stale process: while `memscope -b -d 1 --json
# --tab vma` runs, a child grows by 500 MB and frees it again. Every sample
# has every process read in full (detail_age_s 0), and the second sample
# printed after each change (the first one taken wholly after it) has the
# child's PSS. Ordered by the samples the run prints, never by how fast
# this machine is. (The explorer's budgeted reads: tests/kernel/
# test_procs_live.c.)
cd "$(dirname "$0")/../.." || exit 2
. tests/lib.sh
tmp=$(mktemp -d)
gpid=
mpid=
cleanup() {
	exec 3>&-
	[ -n "$mpid" ] && kill "$mpid" 2>/dev/null
	[ -n "$gpid" ] && kill "$gpid" 2>/dev/null
	wait
	rm -rf "$tmp"
}
trap cleanup EXIT

# the child: "g" maps and touches 500 MB, "f" unmaps it; acks each line
mkfifo "$tmp/cmd"
python3 -c '
import mmap, sys
m = None
for line in sys.stdin:
    if line[0] == "g":
        m = mmap.mmap(-1, 500 << 20)
        for i in range(0, 500 << 20, 4096):
            m[i] = 1
    elif line[0] == "f" and m is not None:
        m.close()
        m = None
    print(line[0], flush=True)
' <"$tmp/cmd" >"$tmp/ack" &
gpid=$!
exec 3>"$tmp/cmd"
"$MS" -b -n 1000 -d 1 --json --tab vma >"$tmp/out.json" 2>"$tmp/err" &
mpid=$!

# lines FILE N: until FILE has N lines (two minutes at most)
lines() { wait_lines "$1" "$2" 1200; }

# step C K: the child does C (its Kth ack), then the second sample printed
# after it goes to $tmp/C.json
step() {
	echo "$1" >&3
	lines "$tmp/ack" "$2" || return 1
	n=$(wc -l <"$tmp/out.json")
	lines "$tmp/out.json" $((n + 2)) || return 1
	sed -n "$((n + 2))p" "$tmp/out.json" >"$tmp/$1.json"
}

# child FILTER FILE: the filter holds of the child's process object
child() {
	jq -e --argjson p "$gpid" \
		"[.processes[] | select(.pid == \$p)][0] | $2" "$1" >/dev/null
}

ok "the run samples" lines "$tmp/out.json" 1
ok "the child grows by 500 MB" step g 1
ok "the next sample has its PSS, read in it" child "$tmp/g.json" \
	'.pss_kb >= 460800 and .rss_kb >= 460800 and .detail_age_s == 0'
ok "the child frees it" step f 2
ok "the next sample has its PSS back, not above RSS" child "$tmp/f.json" \
	'.pss_kb < 102400 and .pss_kb <= .rss_kb and .detail_age_s == 0'
kill "$mpid"
wait "$mpid"
mpid=
ok "every sample read every process in full" \
	jq -e -s 'length >= 4 and all(.[]; all(.processes[]; .detail_age_s == 0))' \
	"$tmp/out.json"
finish
