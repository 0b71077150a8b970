# valgrind memcheck of batch mode over every fixture tree: every section
# (JSON; text too for the two real kernels), the VMAs of a process, a slab
# cache's details, a recording written and replayed: no error, no leak.
# (valgrind 3.19 does not know openat2: memscope's fallback runs, and the
# "unhandled syscall 437" warnings are not errors.)
. tests/lib.sh
if ! command -v valgrind >/dev/null; then
	no "valgrind installed (scripts/deps.sh check)" true
	finish
	exit
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# vg WHAT ARGS...: memscope under memcheck exits $WANT (0) with a clean
# report (memcheck's own errors exit 99)
vg() {
	what=$1; shift
	valgrind -q --error-exitcode=99 --leak-check=full \
		--show-leak-kinds=definite,indirect,possible \
		--errors-for-leak-kinds=definite,indirect,possible \
		--log-file="$tmp/vg.log" "$MS" "$@" >/dev/null 2>"$tmp/err"
	rc=$?
	grep -v '^--[0-9]*-- ' "$tmp/vg.log" >"$tmp/vg.err"
	if [ $rc = "${WANT:-0}" ] && [ ! -s "$tmp/vg.err" ]; then
		ok "valgrind: $what" true
	else
		no "valgrind: $what (status $rc)" true
		head -n 30 "$tmp/vg.err" "$tmp/err"
	fi
}

for t in $FIX/*/; do
	t=${t%/}
	[ -d "$t/proc" ] || [ -d "$t/sys" ] || continue
	name=${t##*/}
	vg "$name" -b -n 2 -d 0.1 --json --root "$t"
done
for t in $FIX/debian12-6.18 $FIX/debian-6.1-2node $FIX/debian-6.12-2node; do
	name=${t##*/}
	vg "$name text" -b -n 2 -d 0.1 --root "$t"
	p=$(cd "$t/proc" && ls -d [0-9]* | head -n 1)
	vg "$name vmas of $p" -b -n 2 -d 0.1 --json --tab vma --pid "$p" \
		--root "$t"
done
vg "slab cache details" -b -n 2 -d 0.1 --tab slab --cache dentry \
	--root $FIX/debian12-6.18
vg "record" -b -n 10 -d 0.1 --root $FIX/debian-6.1-2node \
	--record "$tmp/rec"
vg "replay" -b --replay "$tmp/rec" --json
# cut inside the later samples: the first ones replay, the rest is noted
head -c $(($(wc -c <"$tmp/rec") * 9 / 10)) "$tmp/rec" >"$tmp/cut"
# (status 1: the good samples are printed, the damage said on stderr)
WANT=1 vg "replay of a truncated recording" -b --replay "$tmp/cut"
finish
