#!/bin/sh
# The Cgroup area against the live kernel, as root: a memory cgroup made
# here with a 256 MiB limit, a helper moved into it that then touches
# 100 MiB, shows in --tab cgroup (JSON, text, OpenMetrics) with its path,
# limit, usage >= 90 MiB and the helper's pid; the second sample has its
# rates. v1 memory controller (this development machine) or v2 with the
# memory controller. The cgroup is removed on every way out. Ordered by
# the helper's acks, never by the clock.
cd "$(dirname "$0")/../.." || exit 2
. tests/lib.sh
if [ "$(id -u)" != 0 ]; then
	echo "ok   - skipped: needs root (makes a memory cgroup)"
	finish
	exit
fi
name=memscope-test-$$
memcg "$name"
limit=$cglimit
if [ -z "$cg" ]; then
	echo "ok   - skipped: no memory cgroup controller mounted"
	finish
	exit
fi
tmp=$(mktemp -d)
hpid=
cleanup() {
	exec 3>&- 2>/dev/null
	[ -n "$hpid" ] && kill "$hpid" 2>/dev/null
	wait
	# its last pages uncharged, the directory goes (a few tries: the
	# kernel frees a dead process's memory asynchronously)
	for i in 1 2 3 4 5 6 7 8 9 10; do
		[ -d "$cg" ] || break
		rmdir "$cg" 2>/dev/null && break
		sleep 0.2
	done
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

mkdir "$cg" || { echo "FAIL - mkdir $cg"; exit 1; }
echo $((256 << 20)) >"$cg/$limit"

# the helper: waits for a line, then touches 100 MiB and acks; holds it
mkfifo "$tmp/cmd" "$tmp/ack"
python3 -c '
import mmap, sys
sys.stdin.readline()
m = mmap.mmap(-1, 100 << 20)
for i in range(0, 100 << 20, 4096):
    m[i] = 1
print("touched", flush=True)
sys.stdin.readline()
' <"$tmp/cmd" >"$tmp/ack" &
hpid=$!
exec 3>"$tmp/cmd"
echo "$hpid" >"$cg/cgroup.procs"
echo go >&3
read -r ack <"$tmp/ack"
ok "the helper touched 100 MiB inside the cgroup" [ "$ack" = touched ]

"$MS" -b -n 2 -d 0.5 --tab cgroup --json >"$tmp/out.json" 2>"$tmp/err"
tail -n 1 "$tmp/out.json" >"$tmp/last.json"
sel=".cgroups[] | select(.path == \"/$name\")"
ok "JSON lists the cgroup by its path" jq_ok "$tmp/last.json" "[$sel] | length == 1"
ok "its limit is 256 MiB" jq_ok "$tmp/last.json" "$sel | .max_kb == 262144"
ok "its usage is >= 90 MiB" jq_ok "$tmp/last.json" "$sel | .current_kb >= 92160"
ok "and <= the limit" jq_ok "$tmp/last.json" "$sel | .current_kb <= 262144"
ok "its one process is the helper" \
	jq_ok "$tmp/last.json" "$sel | .procs == 1 and .pids == [$hpid]"
ok "memory.stat is there" jq_ok "$tmp/last.json" "$sel | .stat | length > 0"
ok "the second sample has its growth rate" \
	jq_ok "$tmp/last.json" "$sel | .current_kb_per_s | type == \"number\""
ok "every cgroup has a path and a version" \
	jq_ok "$tmp/last.json" '.cgroups | length > 1 and all(.path != null and (.version == 1 or .version == 2))'
ok "parents come before their children" \
	jq_ok "$tmp/last.json" '.cgroups[0].path == "/"'

"$MS" -b -n 1 --tab cgroup >"$tmp/out.text" 2>&1
ok "text: the cgroup's row" grep -q " /$name\$" "$tmp/out.text"
"$MS" -b -n 1 --tab cgroup --format openmetrics --top 10000 >"$tmp/out.om" 2>&1
ok "OpenMetrics: its usage" \
	grep -q "^memscope_cgroup_usage_bytes{path=\"/$name\"} [0-9]" "$tmp/out.om"
ok "OpenMetrics: its limit" \
	grep -q "^memscope_cgroup_limit_bytes{path=\"/$name\",limit=\"max\"} 268435456\$" "$tmp/out.om"
"$MS" -b -n 1 --tab cgroup --format openmetrics --top 1 >"$tmp/top1.om" 2>&1
# the biggest, then of the rest the one nearest its limit (this one has a
# limit: there is one unless it is the biggest), the rest summed
ok "--top 1: the biggest, the nearest its limit, the rest summed" sh -c "
	n=\$(grep -c '^memscope_cgroup_usage_bytes{' '$tmp/top1.om')
	{ [ \$n -eq 3 ] || { [ \$n -eq 2 ] &&
		grep -q '^memscope_cgroup_usage_bytes{path=\"/$name\"}' '$tmp/top1.om'; }; } &&
	grep -q '^memscope_cgroup_usage_bytes{path=\"other\"}' '$tmp/top1.om'"

echo q >&3
exec 3>&-
wait "$hpid"
hpid=

# an OOM in it: a process touching 300 MiB under the 256 MiB limit (no
# swap charged here) is killed, and the cgroup's events count it
python3 -c '
import mmap
m = mmap.mmap(-1, 300 << 20)
for i in range(0, 300 << 20, 4096):
    m[i] = 1
' &
opid=$!
echo "$opid" >"$cg/cgroup.procs"
wait "$opid"
rc=$?
ok "a process over the limit is OOM-killed (SIGKILL)" [ "$rc" -eq 137 ]
"$MS" -b -n 1 --tab cgroup --json >"$tmp/oom.json" 2>"$tmp/err"
if [ "$limit" = memory.max ]; then
	ok "its events count the OOM kill" \
		jq_ok "$tmp/oom.json" "$sel | .events.oom_kill >= 1"
else
	ok "its events count the OOM kill (v1 memory.oom_control)" \
		jq_ok "$tmp/oom.json" "$sel | .events.oom_kill >= 1"
	ok "and the limit was hit (v1 memory.failcnt)" \
		jq_ok "$tmp/oom.json" "$sel | .events.failcnt >= 1"
fi
finish
