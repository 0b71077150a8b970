# count LOG: "PASSED FAILED" of one suite's output (sourced by tests/run.sh):
# cmocka's "[  PASSED  ] N test(s)" / "[  FAILED  ] N test(s)", or a shell
# suite's closing "N passed, M failed" line (the last one counts).
count() {
	p=$(sed -n 's/^\[  PASSED  \] \([0-9][0-9]*\) test.*/\1/p
		s/^\([0-9][0-9]*\) passed, [0-9][0-9]* failed.*/\1/p' "$1" |
		tail -n 1)
	f=$(sed -n 's/^\[  FAILED  \] \([0-9][0-9]*\) test.*/\1/p
		s/^[0-9][0-9]* passed, \([0-9][0-9]*\) failed.*/\1/p' "$1" |
		tail -n 1)
	echo "${p:-0} ${f:-0}"
}
