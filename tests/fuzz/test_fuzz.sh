# make check: every fuzz target briefly (FUZZ_SECS, 3 s each), the inputs
# of tests/fuzz/corpus/ included (past crashes); make fuzz runs longer.
. tests/lib.sh
log=$(mktemp)
trap 'rm -f "$log"' EXIT
if ! make -s FUZZ=1 build/fuzz/fuzz/fuzz >"$log" 2>&1; then
	cat "$log"
	no "fuzz: the fuzzing build (make FUZZ=1, clang -fsanitize=fuzzer)" true
	finish
	exit
fi
FUZZ_SECS=${FUZZ_SECS:-3} sh tests/fuzz/run.sh >"$log" 2>&1
while read -r l; do
	case $l in
	"ok   - "*) ok "${l#ok   - }" true ;;
	"FAIL - "*) no "${l#FAIL - }" true ;;
	*[0-9]" passed, "*) ;;
	*) echo "$l" ;;
	esac
done <"$log"
finish
