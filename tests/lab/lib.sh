# Helpers of the host suites that boot the lab VM (test_kmod.sh,
# test_kernels.sh): source it after tests/lib.sh.

# vm_counted PREFIX RC DIR: vm.sh's status RC as a check (124 timed out,
# 3 crashed, 2 not set up), then the guest's closing "N passed, N failed"
# in DIR/run.log added to the suite's counts (also in g_pass, g_fail).
# PREFIX starts each check's name. Status 1 when the guest printed none.
vm_counted() {
	g_pass=0 g_fail=0
	case $2 in
	124) no "${1}lab VM finished in time (timed out)" true ;;
	3) no "${1}lab VM ran to the end (crashed: $3/console.log)" true
	   grep -a -A 30 'soft lockup\|Kernel panic\|BUG:' "$3/console.log" |
		head -n 60 ;;
	2) no "${1}lab VM set up (vm.sh: setup error)" true ;;
	*) ok "${1}lab VM ran to the end (guest status $2)" true ;;
	esac
	line=$(grep -a '^[0-9]* passed, [0-9]* failed$' "$3/run.log" \
		2>/dev/null | tail -n 1)
	if [ -z "$line" ]; then
		no "${1}the guest printed its closing count" true
		return 1
	fi
	set -- $line
	g_pass=$1 g_fail=$3
	T_PASS=$((T_PASS + g_pass))
	T_FAIL=$((T_FAIL + g_fail))
}
