#!/bin/sh
# Run every test memscope has and print one closing "N passed, N failed".
# Unit tests (cmocka) in the normal build, again under a time namespace
# with the clocks of a machine just booted and of one up for years, and in
# the sanitizer build, then the shell suites (batch/JSON contract, TUI in
# tmux, ...) in tests/*/test_*.sh.
cd "$(dirname "$0")/.." || exit 2
passed=0 failed=0 failures=""
log=$(mktemp)
trap 'rm -f "$log"' EXIT

. tests/count.sh

suite() { # $1 = name, rest = command
	name=$1; shift
	echo "=== $name"
	if "$@" >"$log" 2>&1; then rc=0; else rc=$?; fi
	cat "$log"
	set -- $(count "$log")
	passed=$((passed + $1))
	failed=$((failed + $2))
	if [ "$rc" -ne 0 ]; then
		# a crash or a suite that died without counting still fails
		grep -qE '(FAILED|[1-9][0-9]* failed)' "$log" || failed=$((failed + 1))
		failures="$failures $name"
	fi
}

# unshare -T options that set CLOCK_MONOTONIC and CLOCK_BOOTTIME to about
# $1 seconds in a new time namespace; fails where none can be made (not
# root, a kernel before 5.6). Monotonic lags boottime (/proc/uptime) by
# the time suspended, and an offset taking a clock below 0 is refused:
# then a little later.
clocks_at() {
	at=$1 up=$(cut -d. -f1 /proc/uptime)
	while :; do
		off=$((at - up))
		unshare -T --monotonic="$off" --boottime="$off" true \
			2>/dev/null && break
		[ "$at" -lt "$up" ] || return 1
		at=$((at * 4))
	done
	echo "--monotonic=$off --boottime=$off"
}

# $1 = seconds the clocks start at, rest = command
timens() {
	at=$1; shift
	opts=$(clocks_at "$at") || return 1
	unshare -T $opts "$@"
}

# unit tests (fixtures), then kernel/ (this machine's kernel: root, BTF)
for t in build/tests/test_* build/tests/kernel/test_*; do
	[ -x "$t" ] && suite "unit ${t#build/tests/}" "$t"
done
# Again as on a machine booted seconds ago and on one up for three years:
# no test may depend on the machine's clock or uptime.
for at in 5 100000000; do
	if ! clocks_at "$at" >/dev/null; then
		echo "=== unit tests with the clocks at $at s: skipped" \
			"(unshare -T cannot make a time namespace here)"
		continue
	fi
	for t in build/tests/test_* build/tests/kernel/test_*; do
		[ -x "$t" ] && suite "unit ${t#build/tests/} (clocks at $at s)" \
			timens "$at" "$t"
	done
done
for t in build/asan/tests/test_* build/asan/tests/kernel/test_*; do
	[ -x "$t" ] && suite "asan ${t#build/asan/tests/}" \
		env ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 "$t"
done
for t in tests/*/test_*.sh; do
	[ -f "$t" ] && suite "${t#tests/}" sh "$t"
done
# the batch suite once more against the sanitizer build
[ -x build/asan/memscope ] && suite "asan cli/test_batch.sh" \
	env MS=build/asan/memscope ASAN_OPTIONS=detect_leaks=1 sh tests/cli/test_batch.sh
# and every golden output (every fixture tree, the recordings' replays)
[ -x build/asan/memscope ] && suite "asan golden/test_golden.sh" \
	env MS=build/asan/memscope ASAN_OPTIONS=detect_leaks=1 \
	UBSAN_OPTIONS=print_stacktrace=1 sh tests/golden/test_golden.sh

echo
[ -n "$failures" ] && echo "failing suites:$failures"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ -z "$failures" ]
