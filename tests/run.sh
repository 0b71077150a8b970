#!/bin/sh
# Run every test memscope has and print one closing "N passed, N failed".
# Unit tests (cmocka) in the normal and the sanitizer build, then the
# shell suites (batch/JSON contract, TUI in tmux, ...) in tests/*/test_*.sh.
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

for t in build/tests/test_*; do
	[ -x "$t" ] && suite "unit ${t##*/}" "$t"
done
for t in build/asan/tests/test_*; do
	[ -x "$t" ] && suite "asan ${t##*/}" env ASAN_OPTIONS=detect_leaks=1 \
		UBSAN_OPTIONS=print_stacktrace=1 "$t"
done
for t in tests/*/test_*.sh; do
	[ -f "$t" ] && suite "${t#tests/}" sh "$t"
done
# the batch suite once more against the sanitizer build
[ -x build/asan/memscope ] && suite "asan cli/test_batch.sh" \
	env MS=build/asan/memscope ASAN_OPTIONS=detect_leaks=1 sh tests/cli/test_batch.sh

echo
[ -n "$failures" ] && echo "failing suites:$failures"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ -z "$failures" ]
