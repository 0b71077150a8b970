# tests/count.sh, which tests/run.sh totals every suite with: numbers of
# any width, the last closing line, cmocka's summary lines.
. tests/lib.sh
. tests/count.sh
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT

# is "LINES" "WANT": count of a log holding LINES gives WANT
is() {
	printf '%b\n' "$1" >"$tmp"
	got=$(count "$tmp")
	ok "count of '$(printf '%b' "$1" | tail -n 1)': $2 (got $got)" \
		test "$got" = "$2"
}

is "ok   - a\n34 passed, 0 failed" "34 0"
is "ok   - a\n192 passed, 3 failed" "192 3"
is "lab: guest 173 passed, 0 failed; results in x\n192 passed, 0 failed" "192 0"
is "[==========] 12 test(s) run.\n[  PASSED  ] 12 test(s)." "12 0"
is "[  PASSED  ] 10 test(s).\n[  FAILED  ] 2 test(s), listed below:" "10 2"
is "no closing line" "0 0"
# tests/lib.sh's wait_lines waits for a file its writer has not made yet
# (a command started with & opens its output in its own process)
rm -f "$tmp.late"
(sleep 0.3; echo one >"$tmp.late") &
ok "wait_lines: waits for a file made late" wait_lines "$tmp.late" 1 100
wait
rm -f "$tmp.late"
finish
