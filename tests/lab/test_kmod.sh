#!/bin/sh
# The lab suite (make lab-test, make check): tests the maple checker on the
# host, then for Debian's 6.1 and 6.12 (LAB_KERNEL: one series) builds
# memscope.ko against the kernel's headers and runs kmod-test.sh in the lab
# VM on it; make lab in tmux on the first. Closes with the sum "N passed,
# N failed".
cd "$(dirname "$0")/../.." || exit 2
. tests/lib.sh
. tests/lab/lib.sh
LAB=${LAB:-build/lab}
OUT=tests/lab/out/test-kmod
kernels=${LAB_KERNEL:-6.1 6.12}
FIXK=$FIX/kmod-6.1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# build SERIES: its output only when it fails.
build() {
	if ${MAKE:-make} --no-print-directory lab-build LAB_KERNEL="$1" \
		>"$tmp/build.log" 2>&1; then
		rel=$(cat $LAB/release)
		ok "make lab-build: memscope, workloads, memscope.ko for $rel" true
		return 0
	fi
	tail -n 20 "$tmp/build.log"
	no "make lab-build" true
	return 1
}

# mutant NAME SED: the real dump of 1,010 VMAs changed by SED must be refused.
mutant() {
	sed "$2" "$FIXK/proc/memscope/maple" >"$tmp/m.txt"
	no "maplecheck refuses a dump with $1" \
		"$LAB/maplecheck" -m "$FIXK/proc/192/maps" "$tmp/m.txt"
}

# The checker the guest relies on must be able to fail.
checker() {
	ok "maplecheck accepts the real 6.1 dump of 1,010 VMAs" \
		"$LAB/maplecheck" -m "$FIXK/proc/192/maps" \
		"$FIXK/proc/memscope/maple"
	ok "maplecheck accepts the dumps of init and a heap shell" sh -c \
		"$LAB/maplecheck $FIXK/more/maple-init.txt &&
		 $LAB/maplecheck $FIXK/more/maple-hog.txt"
	mutant "two pivots swapped" \
		's/^\(pivots 3 [^ ]*\) \([^ ]*\) \([^ ]*\)/\1 \3 \2/'
	mutant "a wrong depth" 's/^node 3 2 3 /node 3 2 2 /'
	mutant "a slot removed" '/^slot 3 2 /d'
	mutant "a VMA not filling its slot" \
		's/^\(slot 3 1 .* vma 0x400000\) 0x401000/\1 0x402000/'
	mutant "a wrong gap" 's/^gaps 1 0x7f5e0acdb000/gaps 1 0x7f5e0acdc000/'
	mutant "a header count off" 's/^nodes 143$/nodes 142/'
	mutant "a child pointing elsewhere" 's/^\(slot 1 1 .* child\) 12$/\1 13/'
	mutant "no end line" '/^end$/d'
	mutant "a node type the contract lacks" 's/^\(node 3 .*\) leaf_64 /\1 leaf_32 /'
	sed 10d "$FIXK/proc/192/maps" >"$tmp/maps"
	no "maplecheck refuses maps with a line missing" \
		"$LAB/maplecheck" -m "$tmp/maps" "$FIXK/proc/memscope/maple"
}

# guest SERIES: the guest's counts come from its closing line in run.log.
guest() {
	out=$OUT-$1
	t0=$(date +%s)
	# A soft lockup panics the guest: the run ends at once, its trace in
	# console.log, instead of at the timeout.
	tests/lab/vm.sh -k "/boot/vmlinuz-$rel" -t "${LAB_TEST_TIMEOUT:-600}" \
		-A "STRESS_SECS=${STRESS_SECS:-30} MANY=${MANY:-10000} STRESS_MEMSCOPE=${STRESS_MEMSCOPE:-1} softlockup_panic=1" \
		-m "$LAB/kmod-$rel/memscope.ko" -b build/memscope \
		-b build/bench/manyvmas -b $LAB/maplecheck -b $LAB/churn \
		-b "$(command -v jq)" -f $LAB/release:/lab/release \
		-r tests/lab/kmod-test.sh -o "$out"
	rc=$?
	echo "lab: $rel: the VM ran $(($(date +%s) - t0)) s, status $rc"
	vm_counted "$1: " $rc "$out" || return
	[ "$rc" -eq 0 ] || [ "$g_fail" -gt 0 ] ||
		no "$1: guest status $rc with no failed check" true
	echo "lab: guest $g_pass passed, $g_fail failed; results in $out"
}

# wait_for TEXT SECS: the session's screen shows TEXT within SECS seconds
# (not once make lab has ended).
wait_for() {
	i=0
	while [ $i -lt "$2" ]; do
		tmux -L "$sock" capture-pane -p -t lab >"$tmp/screen" 2>/dev/null
		grep -q "$1" "$tmp/screen" && return 0
		[ -s "$tmp/lab-rc" ] && return 1
		sleep 1
		i=$((i + 1))
	done
	return 1
}

# session SERIES: make lab as a lecturer meets it, on a terminal (tmux):
# memscope fed by the module, q leaves a shell, exit powers off.
session() {
	sock=memscope-lab-$$
	tmux -L "$sock" new-session -d -s lab -x 132 -y 40 \
		"${MAKE:-make} --no-print-directory lab LAB_KERNEL=$1 LAB_SESSION_SECS=300; echo \$? >$tmp/lab-rc; sleep 30"
	ok "make lab: memscope on the console" wait_for 'MemTotal' 180
	# a zone's page reads the module's per-type counts (the zone table
	# itself keeps to buddyinfo: docs/kmod.md)
	tmux -L "$sock" send-keys -t lab Enter
	ok "make lab: a zone's page fed by memscope.ko" wait_for 'kmod: buddy' 30
	tmux -L "$sock" send-keys -t lab Escape
	# VMA tab, filter manyvmas, t: its tree, read through the module
	tmux -L "$sock" send-keys -t lab 3
	wait_for 'Processes:' 30
	tmux -L "$sock" send-keys -t lab / manyvmas Enter
	wait_for 'Filter: manyvmas' 30
	tmux -L "$sock" send-keys -t lab t
	ok "make lab: t draws the maple tree of manyvmas (10,021 VMAs)" \
		wait_for 'height [0-9]*, [0-9]* nodes, [0-9]* slots, 10021 VMAs' 60
	tmux -L "$sock" send-keys -t lab q
	ok "make lab: q leaves a shell" wait_for '^/out #' 60
	tmux -L "$sock" send-keys -t lab 'grep -c . /proc/memscope/buddy' Enter
	sleep 2
	tmux -L "$sock" send-keys -t lab exit Enter
	i=0
	while [ ! -s "$tmp/lab-rc" ] && [ $i -lt 60 ]; do
		sleep 1
		i=$((i + 1))
	done
	ok "make lab: exit powers the VM off, status 0" \
		[ "$(cat "$tmp/lab-rc" 2>/dev/null)" = 0 ]
	grep -v '^$' "$tmp/screen" | tail -n 5
	tmux -L "$sock" kill-server 2>/dev/null
	rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$sock"
}

first=1
for s in $kernels; do
	build "$s" || continue
	[ $first = 0 ] || checker
	guest "$s"
	[ $first = 0 ] || session "$s"
	first=0
done
finish
