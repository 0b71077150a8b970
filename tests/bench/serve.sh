#!/bin/sh
# --serve under load (make bench): wrk with 50 connections for 30 s on
# loopback against memscope --serve, sending Prometheus' Accept header
# (OpenMetrics), twice: with -d 1 (a new sample every second, as a scrape
# interval of 1 s would have it) and with -d 3600 (one sample shared by
# every request: the HTTP side alone). Prints a Markdown table for
# docs/PERFORMANCE.md: requests per second, latency percentiles (p99
# included), errors (must be 0: exit 1 otherwise) and memscope's RSS
# before and after each run. Usage: sh tests/bench/serve.sh [SECONDS]
# [CONNECTIONS], from the top after make (wrk: make deps-bench).
set -u
cd "$(dirname "$0")/../.." || exit 2
secs=${1:-30}
conns=${2:-50}
MS=${BUILD:-build}/memscope
tmp=$(mktemp -d)
ms=""
trap '[ -n "$ms" ] && kill "$ms" 2>/dev/null; rm -rf "$tmp"' EXIT
command -v wrk > /dev/null || {
	echo "serve.sh: needs wrk (make deps-bench)" >&2; exit 1; }
accept='application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1'
rss() { awk '/^VmRSS/ { print $2 }' "/proc/$ms/status"; }
# lat FILE P: wrk's latency at percentile P ("99%")
lat() { awk -v p="$2" '$1 == p { print $2 }' "$1"; }
failed=0

# load INTERVAL: one run against memscope --serve -d INTERVAL, one row
load() {
	"$MS" --serve 127.0.0.1:0 -d "$1" 2> "$tmp/err" &
	ms=$!
	i=0
	while ! grep -q '^memscope: serving' "$tmp/err" && [ $i -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	url=$(sed -n 's|^memscope: serving \(http://[^ ]*/metrics\),.*|\1|p' \
		"$tmp/err")
	[ -n "$url" ] || { cat "$tmp/err" >&2; exit 1; }
	# two scrapes a second apart: the BPF groups attached, rates there
	curl -s -o /dev/null -H "Accept: $accept" "$url"
	sleep 1.1
	[ -n "${size:-}" ] || size=$(curl -s -H "Accept: $accept" "$url" | wc -c)
	rss0=$(rss)
	wrk -t 2 -c "$conns" -d "${secs}s" --timeout 5s --latency \
		-H "Accept: $accept" "$url" > "$tmp/wrk" 2>&1
	rss1=$(rss)
	kill "$ms"
	wait "$ms"
	ms=""
	rps=$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$tmp/wrk")
	errs=$(awk '/Socket errors:/ { gsub(/,/, ""); s += $4 + $6 + $8 + $10 }
		/Non-2xx or 3xx responses:/ { s += $NF }
		END { print s + 0 }' "$tmp/wrk")
	echo "| \`-d $1\` | $rps | $(lat "$tmp/wrk" 50%) | $(lat "$tmp/wrk" 90%) | $(lat "$tmp/wrk" 99%) | $errs | $rss0 → $rss1 kB |"
	if [ -z "$rps" ] || [ "$errs" != 0 ]; then
		cat "$tmp/wrk" >&2
		failed=1
	fi
}

echo "| memscope --serve | requests/s | p50 | p90 | p99 | errors | RSS before → after |"
echo "|---|---:|---:|---:|---:|---:|---:|"
load 1
load 3600
echo
echo "$conns connections for $secs s each (wrk, 2 threads, 5 s timeout); the"
echo "exposition served (with rates) was $size bytes of OpenMetrics."
exit $failed
