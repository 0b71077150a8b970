# Helpers for the shell test suites: source it, call ok/no, end with finish.
# Each check prints one line; finish prints "N passed, N failed".
MS=${MS:-build/memscope}
FIX=tests/fixtures
T_PASS=0
T_FAIL=0

ok() { # ok "what" command...: passes when the command succeeds
	what=$1; shift
	if "$@" >/dev/null 2>&1; then
		T_PASS=$((T_PASS + 1)); echo "ok   - $what"
	else
		T_FAIL=$((T_FAIL + 1)); echo "FAIL - $what"
	fi
}

no() { # no "what" command...: passes when the command fails
	what=$1; shift
	if "$@" >/dev/null 2>&1; then
		T_FAIL=$((T_FAIL + 1)); echo "FAIL - $what"
	else
		T_PASS=$((T_PASS + 1)); echo "ok   - $what"
	fi
}

finish() {
	echo "$T_PASS passed, $T_FAIL failed"
	[ "$T_FAIL" -eq 0 ]
}

# jq_ok FILE FILTER: the filter yields true on the first line of FILE
jq_ok() {
	head -n 1 "$1" | jq -e "$2" >/dev/null
}
