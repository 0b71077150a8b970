#!/bin/sh
# make bench's maple row: boots the lab VM (tests/lab/vm.sh, Debian's 6.1
# kernel, memscope.ko) and runs tests/lab/maple-bench.sh there: the module's
# maple dump of a 60,000-VMA process against reading its /proc/PID/maps.
# Prints the guest's "maple:" line, or "skipped: WHY" when the VM cannot run.
cd "$(dirname "$0")/../.." || exit 2
LAB=${LAB:-build/lab}
OUT=tests/lab/out/maple-bench
log=$(mktemp)
trap 'rm -f "$log"' EXIT

skip() {
	echo "skipped: $*"
	exit 0
}

command -v qemu-system-x86_64 >/dev/null ||
	skip "no qemu-system-x86_64 (make deps-lab)"
ls /boot/vmlinuz-6.1.0-*-amd64 >/dev/null 2>&1 ||
	skip "no /boot/vmlinuz-6.1.0-*-amd64 (make deps-lab)"
if ! ${MAKE:-make} --no-print-directory lab-build build/bench/manyvmas \
	build/bench/mapletime >"$log" 2>&1; then
	skip "make lab-build failed: $(tail -n 1 "$log")"
fi
rel=$(cat "$LAB/release")
tests/lab/vm.sh -k "/boot/vmlinuz-$rel" -t "${MAPLE_TIMEOUT:-300}" \
	-A "MANY=${MANY:-60000} ROUNDS=${ROUNDS:-7}" \
	-m "$LAB/kmod-$rel/memscope.ko" -b build/bench/manyvmas \
	-b build/bench/mapletime -r tests/lab/maple-bench.sh -o "$OUT" \
	>"$log" 2>&1
rc=$?
line=$(grep -a '^maple: ' "$OUT/run.log" 2>/dev/null | tail -n 1)
[ -n "$line" ] || skip "the lab VM ended with status $rc and no result ($OUT/console.log)"
# KVM or TCG (emulated: slower, the ratios still from one run)
accel=$(grep -ao 'up in [0-9.]*s ([a-z]*)' "$OUT/console.log" 2>/dev/null |
	sed -n 's/.*(\(.*\))$/\1/p' | tail -n 1)
echo "${line#maple: }${accel:+; VM under $accel}"
[ "$rc" = 0 ]
