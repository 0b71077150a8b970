# --serve (docs/fleet.md): /metrics over HTTP on a free loopback port,
# checked with curl: the two formats by the Accept header, the same
# exposition as -b --format, 404/405/413, requests over the size bound,
# the connection limit, the silence timeout and the deadline per request
# (8 slow clients lose their connections), scrapes sharing a sample,
# promtool on the live exposition, usage errors with exit status 2. Then a real
# Prometheus (Debian's) scrapes it every second: its HTTP API returns
# the series, and their values agree with /proc (serve_agree.py); every
# query of the Grafana dashboard returns data (serve_dashboard.py).
. tests/lib.sh
tmp=$(mktemp -d)
pids=""
cg=
cleanup() {
	for p in $pids; do kill "$p" 2>/dev/null; done
	for p in $pids; do wait "$p" 2>/dev/null; done
	# the cgroup goes once its helper's pages are uncharged (a few tries)
	for i in 1 2 3 4 5 6 7 8 9 10; do
		[ -n "$cg" ] && [ -d "$cg" ] || break
		rmdir "$cg" 2>/dev/null && break
		sleep 0.2
	done
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP
R=$FIX/debian12-6.18
PY=/usr/bin/python3

if ! "$MS" --version | grep -q '^built with:.* serve'; then
	ok "a build without libmicrohttpd: --serve says why, exit 2" sh -c \
		"'$MS' --serve :0 2>&1 | grep -q libmicrohttpd-dev; '$MS' --serve :0 2>/dev/null; [ \$? = 2 ]"
	finish
	exit
fi

# serve NAME ARGS...: memscope --serve 127.0.0.1:0 ARGS in the background
# ($pid); $url once its "serving http://..." line is out (10 s at most)
serve() {
	name=$1; shift
	"$MS" --serve 127.0.0.1:0 "$@" 2> "$tmp/$name.err" &
	pid=$!
	pids="$pids $pid"
	i=0
	while ! grep -q '^memscope: serving http://' "$tmp/$name.err" &&
		[ $i -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	url=$(sed -n 's|^memscope: serving \(http://[^ ]*/metrics\),.*|\1|p' \
		"$tmp/$name.err")
}
# stop: SIGTERM to $pid, which must exit 0 (one check)
stop() {
	kill -TERM "$pid"
	wait "$pid"
	ok "SIGTERM: exit 0 ($1)" test $? = 0
}
C="curl -s --max-time 20"
# code URL [CURL-ARGS...]: the HTTP status only
code() { u=$1; shift; $C -o /dev/null -w '%{http_code}' "$@" "$u"; }
# hdr FILE NAME: a header's value from curl -D FILE
hdr() { sed -n "s/^$2: \(.*\)\r$/\1/Ip" "$1" | head -n 1; }
# body FILE: the exposition without the sample's time (taken anew)
body() { grep -v '^memscope_sample_timestamp_seconds' "$1"; }
promtool_ok() { promtool check metrics < "$1" > "$1.lint" 2>&1 && ! [ -s "$1.lint" ]; }
strict() {
	"$PY" -c '
import sys
from prometheus_client.openmetrics.parser import text_string_to_metric_families as p
n = sum(len(f.samples) for f in p(open(sys.argv[1]).read()))
sys.exit(0 if n > 0 else 1)' "$1"
}
OM_ACCEPT='application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1'

# ---- usage: a clear message and exit status 2 -------------------------
usage_err() { # usage_err WHAT PATTERN ARGS...: exit 2, PATTERN on stderr
	uw=$1 pat=$2; shift 2
	"$MS" "$@" > "$tmp/u.out" 2> "$tmp/u.err"
	rc=$?
	ok "$uw: exit 2" test $rc = 2
	ok "$uw: says '$pat'" grep -q -- "$pat" "$tmp/u.err"
}
usage_err "a name, not an address" "numeric" --serve example.org:9477
usage_err "IPv6 without brackets" "brackets" --serve ::1:9477
usage_err "a port over 65535" "port" --serve :65536
usage_err "no port" "PORT" --serve 127.0.0.1
usage_err "an address of no interface here" "no interface" --serve 192.0.2.1:9477
usage_err "--serve with --json" "Accept header" --serve :0 --json
usage_err "--serve with -n" "no -n" --serve :0 -n 2
usage_err "--serve with --record" "--record" --serve :0 --record "$tmp/r"
usage_err "--serve with -p" "no -p" --serve :0 -p 1
no "no recording left by the refused run" test -e "$tmp/r"

# ---- a captured tree: the same exposition as -b --format --------------
serve tree --root "$R"
ok "serving: the line names the loopback address and the port" \
	sh -c "echo '$url' | grep -qE '^http://127\.0\.0\.1:[1-9][0-9]*/metrics$'"
port=${url#http://127.0.0.1:}
port=${port%/metrics}
usage_err "the port in use" "in use" --serve "127.0.0.1:$port" --root "$R"
usage_err "the port in use, given alone (loopback)" "127.0.0.1:$port" --serve "$port" --root "$R"

$C -D "$tmp/p.h" -o "$tmp/p" "$url"
ok "no Accept: 200" grep -q '^HTTP/1.1 200' "$tmp/p.h"
ok "no Accept: Prometheus text 0.0.4" test \
	"$(hdr "$tmp/p.h" Content-Type)" = "text/plain; version=0.0.4; charset=utf-8"
ok "Vary: Accept" test "$(hdr "$tmp/p.h" Vary)" = Accept
"$MS" -b --format prometheus --root "$R" > "$tmp/p.b"
body "$tmp/p" > "$tmp/p1"
body "$tmp/p.b" > "$tmp/p2"
ok "Prometheus text: the samples of -b --format prometheus" cmp -s "$tmp/p1" "$tmp/p2"
no "Prometheus text: no # EOF" grep -q '^# EOF' "$tmp/p"
ok "Prometheus text: promtool check metrics, no lint" promtool_ok "$tmp/p"

$C -D "$tmp/o.h" -o "$tmp/o" -H 'Accept: application/openmetrics-text' "$url"
ok "Accept openmetrics: OpenMetrics 1.0.0" test \
	"$(hdr "$tmp/o.h" Content-Type)" = "application/openmetrics-text; version=1.0.0; charset=utf-8"
"$MS" -b --format openmetrics --root "$R" > "$tmp/o.b"
body "$tmp/o" > "$tmp/o1"
body "$tmp/o.b" > "$tmp/o2"
ok "OpenMetrics: the samples of -b --format openmetrics" cmp -s "$tmp/o1" "$tmp/o2"
ok "OpenMetrics: ends with # EOF" test "$(tail -n 1 "$tmp/o")" = "# EOF"
ok "OpenMetrics: the strict parser accepts it" strict "$tmp/o"
$C -D "$tmp/pr.h" -o /dev/null -H "Accept: $OM_ACCEPT" "$url"
ok "Prometheus' own Accept header: OpenMetrics" sh -c \
	"sed -n 's/^Content-Type: //Ip' '$tmp/pr.h' | grep -q '^application/openmetrics-text; version=1.0.0'"
$C -D "$tmp/q.h" -o /dev/null -H 'Accept: application/openmetrics-text;q=0.3, text/plain' "$url"
ok "OpenMetrics below text/plain: Prometheus text" sh -c \
	"sed -n 's/^Content-Type: //Ip' '$tmp/q.h' | grep -q '^text/plain; version=0.0.4'"

$C -I -o "$tmp/head" "$url"
ok "HEAD: 200, the length of the GET, no body" sh -c \
	"grep -q '^HTTP/1.1 200' '$tmp/head' && grep -qi '^Content-Length: $(wc -c < "$tmp/p")' '$tmp/head'"
ok "query string: still /metrics" test "$(code "$url?x=1")" = 200
ok "keep-alive: a second request on the same connection" sh -c \
	"$C -v -o /dev/null -o /dev/null '$url' '$url' 2>&1 | grep -q 'Re-using existing connection'"

base=${url%/metrics}
for p in / /metrics/ /metrics.txt /favicon.ico /METRICS /proc/meminfo; do
	ok "GET $p: 404" test "$(code "$base$p")" = 404
done
ok "GET /../etc/passwd: 404, never a file" test "$(code "$base/../../etc/passwd" --path-as-is)" = 404
for m in POST PUT DELETE OPTIONS PATCH; do
	ok "$m /metrics: 405" test "$(code "$url" -X $m)" = 405
done
$C -D "$tmp/405.h" -o /dev/null -X POST "$url"
ok "405 says Allow: GET, HEAD" test "$(hdr "$tmp/405.h" Allow)" = "GET, HEAD"
ok "GET with a body: 413" test "$(code "$url" -X GET --data-binary x)" = 413
big=$(head -c 20000 /dev/zero | tr '\0' a)
ok "a 20 kB header: refused (431)" test "$(code "$url" -H "X-Big: $big")" = 431
ok "a 20 kB URL: refused (414)" test "$(code "$url?$big")" = 414
ok "a request line and headers of 4 kB: served" test \
	"$(code "$url" -H "X-Big: $(head -c 4000 /dev/zero | tr '\0' a)")" = 200

# ---- the connection limit, the timeout, the deadline -------------------
# hold N: N connections that send a byte of an unfinished header every
# 0.5 s (a slow client the silence timeout cannot close), until the
# server closed them all, $tmp/hold goes or 40 s passed; then
# $tmp/hold.closed says how many the server closed
cat > "$tmp/hold.py" <<'EOF'
import os, select, socket, sys, time
host, port, n, flag = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
socks = [socket.create_connection((host, port)) for _ in range(n)]
for s in socks:
    s.sendall(b"GET /metrics HTTP/1.1\r\nHost: x\r\nX-Slow: ")
open(flag + ".up", "w").close()
closed, end = 0, time.monotonic() + 40
while os.path.exists(flag) and socks and time.monotonic() < end:
    for s in list(socks):
        try:
            gone = s in select.select([s], [], [], 0)[0] and s.recv(1) == b""
            s.sendall(b"a")
        except OSError:
            gone = True
        if gone:
            closed += 1
            socks.remove(s)
    time.sleep(0.5)
open(flag + ".closed", "w").write("%d\n" % closed)
EOF
touch "$tmp/hold"
"$PY" "$tmp/hold.py" 127.0.0.1 "$port" 8 "$tmp/hold" &
holder=$!
pids="$pids $holder"
i=0
while [ ! -e "$tmp/hold.up" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
curl -s --max-time 30 -o "$tmp/waited" "$url" &
waiter=$!
sleep 1
ok "8 slow clients hold every connection: a 9th waits to be accepted" \
	kill -0 $waiter
# each connection has 10 s (MS_SERVE_DEADLINE) for a request: the slow
# ones lose theirs while they still send, and the 9th is served
wait $waiter
ok "... and is served within 30 s while they still send" \
	test $? = 0 -a -s "$tmp/waited"
wait $holder
rm -f "$tmp/hold"
ok "the 8 slow clients' connections were closed by the server" \
	test "$(cat "$tmp/hold.closed" 2>/dev/null)" = 8
# a client that sends nothing: closed after 5 s of silence (20 s bound)
ok "a silent connection is closed by the timeout" "$PY" -c '
import socket, sys, time
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
s.settimeout(20)
t = time.monotonic()
sys.exit(0 if s.recv(1) == b"" and time.monotonic() - t >= 4 else 1)' "$port"
ok "still serving after all that" test "$(code "$url")" = 200
stop tree

# ---- live: scrapes share the last sample -------------------------------
serve live -d 3600
stamp() { $C "$url" | sed -n 's/^memscope_sample_timestamp_seconds //p'; }
first=$(stamp)
for i in 1 2 3 4 5; do $C -o /dev/null "$url"; done
$C -H "Accept: $OM_ACCEPT" -o "$tmp/lo" "$url"
ok "live -d 3600: every scrape shares the first sample" sh -c \
	"[ -n '$first' ] && [ '$(stamp)' = '$first' ] && grep -q '^memscope_sample_timestamp_seconds $first\$' '$tmp/lo'"
ok "live: the strict OpenMetrics parser accepts it" strict "$tmp/lo"
stop "live -d 3600"

serve live2 -d 0.2
$C -o "$tmp/l1" "$url"
sleep 1
$C -o "$tmp/l2" "$url"
ok "live -d 0.2: a scrape a second later has a new sample" sh -c \
	"[ \"\$(sed -n 's/^memscope_sample_timestamp_seconds //p' '$tmp/l1')\" != \"\$(sed -n 's/^memscope_sample_timestamp_seconds //p' '$tmp/l2')\" ]"
ok "live: promtool check metrics, no lint" promtool_ok "$tmp/l2"
ok "live: rates from the second sample" grep -q '^memscope_vmstat_events_per_second{item="pgfault"} ' "$tmp/l2"
stop "live -d 0.2"

# ---- a real Prometheus scraping memscope -------------------------------
# Debian's prometheus on a free loopback port, its data in $tmp, scraping
# memscope every second; tests/cli/serve_agree.py compares what its HTTP
# API returns with /proc read at the same time (each of its lines a check)
if ! command -v prometheus >/dev/null; then
	no "prometheus installed (make deps-check)" true
	finish
	exit
fi
# a memory cgroup with a limit (root), a helper in it holding 32 MiB of
# its 64 MiB: the dashboard's "Cgroups nearest their limits" has it
[ "$(id -u)" = 0 ] && memcg memscope-test-serve-$$
if [ -n "$cg" ] && mkdir "$cg" && echo $((64 << 20)) > "$cg/$cglimit"; then
	sh -c 'echo $$ > "$1/cgroup.procs" && exec "$2" -c "
import mmap, signal, sys
m = mmap.mmap(-1, 32 << 20)
for i in range(0, 32 << 20, 4096):
    m[i] = 1
open(sys.argv[1], \"w\").close()
signal.pause()" "$3"' - "$cg" "$PY" "$tmp/cg.up" &
	pids="$pids $!"
	i=0
	while [ ! -e "$tmp/cg.up" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
	ok "a memory cgroup with a limit, 32 MiB used in it" test -e "$tmp/cg.up"
	skip=
else
	echo "# no memory cgroup with a limit made here (root, a memory controller)"
	skip=memscope_cgroup_limit_bytes
fi
serve scraped -d 1
target=${url#http://}
cat > "$tmp/prometheus.yml" <<EOF
global:
  scrape_interval: 1s
  scrape_timeout: 1s
scrape_configs:
  - job_name: memscope
    static_configs:
      - targets: ['${target%/metrics}']
EOF
ok "promtool check config: the test's prometheus.yml" \
	promtool check config "$tmp/prometheus.yml"
free_port() {
	"$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
# a port taken between free_port and prometheus' bind: it exits, try again
for try in 1 2 3; do
	purl=http://127.0.0.1:$(free_port)
	prometheus --config.file="$tmp/prometheus.yml" \
		--storage.tsdb.path="$tmp/tsdb" --log.level=warn \
		--web.listen-address="${purl#http://}" > "$tmp/prom.log" 2>&1 &
	prom=$!
	pids="$pids $prom"
	i=0
	while [ $i -lt 300 ] && kill -0 $prom 2>/dev/null &&
		! $C -f -o /dev/null "$purl/-/ready"; do
		sleep 0.1
		i=$((i + 1))
	done
	kill -0 $prom 2>/dev/null && break
done
ok "prometheus is up and ready" $C -f -o /dev/null "$purl/-/ready"
"$PY" tests/cli/serve_agree.py "$purl" 60 > "$tmp/agree" 2>&1
rc=$?
cat "$tmp/agree"
T_PASS=$((T_PASS + $(grep -c '^ok ' "$tmp/agree")))
T_FAIL=$((T_FAIL + $(grep -c '^FAIL ' "$tmp/agree")))
ok "serve_agree.py ran to its end" sh -c "[ $rc = 0 ] || grep -q '^FAIL ' '$tmp/agree'"
# every query of the Grafana dashboard returns data; $__rate_interval as
# Grafana takes it for a 1 s scrape interval: four intervals
"$PY" tests/cli/serve_dashboard.py "$purl" "${target%/metrics}" \
	dashboards/memscope.json 4s $skip > "$tmp/dash" 2>&1
rc=$?
cat "$tmp/dash"
T_PASS=$((T_PASS + $(grep -c '^ok ' "$tmp/dash")))
T_FAIL=$((T_FAIL + $(grep -c '^FAIL ' "$tmp/dash")))
ok "serve_dashboard.py ran to its end" sh -c "[ $rc = 0 ] || grep -q '^FAIL ' '$tmp/dash'"
kill -TERM $prom
wait $prom
ok "prometheus stopped" test $? = 0
stop "scraped by prometheus"
finish
