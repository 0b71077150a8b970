#!/bin/sh
# The lab's kernels (make lab-kernels, make check): Debian 12's 6.1 and
# 6.12 boot in the VM, one after the other, and memscope samples each
# without the module (kernel-test.sh: a batch sample, procfs and BPF, the
# Memory ledger's unexplained on the idle guest, and the slab Free/s
# invariant under churn, memory cgroups on v2, memscope's own DAMON
# monitoring, in batch and, with the host's tmux, the explorer's W).
# LAB_ONLY="boot cgroup"
# runs those parts of kernel-test.sh alone. Closes "N passed, N failed".
cd "$(dirname "$0")/../.." || exit 2
. tests/lib.sh
. tests/lab/lib.sh
OUT=tests/lab/out/kernels
H=build/hostile/hostile

if ! ${MAKE:-make} --no-print-directory all "$H" >/dev/null 2>&1; then
	no "make all $H" true
	finish
	exit
fi

# tmux, its libraries and a UTF-8 locale (tmux refuses to start without
# one) for the explorer's W in the guest; terminfo is always there
tw=""
if command -v tmux >/dev/null && [ -d /usr/lib/locale/C.utf8 ]; then
	tw="-b $(command -v tmux) -f /usr/lib/locale/C.utf8:/usr/lib/locale/C.utf8"
fi

# guest SERIES: boot the newest kernel of SERIES, run kernel-test.sh
guest() {
	out=$OUT-$1
	t0=$(date +%s)
	tests/lab/vm.sh -k "$1" -t "${LAB_TEST_TIMEOUT:-600}" \
		-A "LAB_SERIES=$1 softlockup_panic=1${LAB_ONLY:+ ONLY=\"$LAB_ONLY\"}" \
		-b build/memscope -b "$H" -b "$(command -v jq)" $tw \
		-f tests/hostile/slabfree.jq -f tests/cli/ledger.jq \
		-r tests/lab/kernel-test.sh \
		-o "$out" >"$out.log" 2>&1
	rc=$?
	rel=$(sed -n 's/.*lab: \([^ ]*\) up in .*/\1/p' "$out/console.log" \
		2>/dev/null)
	echo "lab: $1 ($rel): the VM ran $(($(date +%s) - t0)) s, status $rc"
	grep -a '^ok \|^FAIL\|^# \|^slabfree: ' "$out/run.log" 2>/dev/null |
		sed "s/^/$1: /"
	[ $rc = 2 ] && tail -n 3 "$out.log"
	vm_counted "$1: " $rc "$out" || return
	[ "$rc" -eq 0 ] || [ "$g_fail" -gt 0 ] ||
		no "$1: guest status $rc with no failed check" true
}

mkdir -p tests/lab/out
for s in ${LAB_KERNELS:-6.1 6.12}; do
	guest "$s"
done
finish
