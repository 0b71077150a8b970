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

# text_sample N FILE: the Nth sample of a batch text output (each begins
# with its "memscope " line)
text_sample() { awk -v k="$1" '/^memscope /{n++} n==k' "$2"; }

# memcg NAME: cg, the directory a memory cgroup NAME would have (not made),
# and cglimit, its limit's file: v2 with the memory controller (enabled
# for the root's children here) or v1; cg empty without either
memcg() {
	cg= cglimit=
	if grep -qw memory /sys/fs/cgroup/cgroup.controllers 2>/dev/null; then
		cg=/sys/fs/cgroup/$1 cglimit=memory.max
		grep -qw memory /sys/fs/cgroup/cgroup.subtree_control ||
			echo +memory >/sys/fs/cgroup/cgroup.subtree_control
	elif [ -d /sys/fs/cgroup/memory ]; then
		cg=/sys/fs/cgroup/memory/$1 cglimit=memory.limit_in_bytes
	fi
}

# ---- BPF left attached? (the live suites: cli/test_bpf.sh, test_live.sh,
# hostile/test_term.sh, soak/soak.sh) ------------------------------------
TRACEFS=/sys/kernel/tracing

# ids PID: the BPF programs PID holds (fdinfo of its fds, links included)
ids() {
	cat /proc/"$1"/fdinfo/* 2>/dev/null |
		sed -n 's/^prog_id:[[:space:]]*//p' | sort -u
}

# gone IDS...: none of these programs is loaded any more (the kernel frees
# them after an RCU grace period: wait up to 10 s). Fails without bpftool,
# which could not tell.
gone() {
	command -v bpftool >/dev/null || return 1
	i=0
	while [ $i -lt 100 ]; do
		left=0
		for id in "$@"; do
			bpftool prog show id "$id" >/dev/null 2>&1 && left=1
		done
		[ $left = 0 ] && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

# ms_stop: SIGINT to the batch memscope $ms, which must exit 0 and leave
# none of the BPF programs $p (ids) loaded; $ms emptied (two checks)
ms_stop() {
	kill -INT "$ms"
	wait "$ms"
	rc=$?
	ms=""
	ok "memscope exits 0 on SIGINT" test $rc = 0
	ok "nothing left attached" gone $p
}

# bpf_live: BPF can be attached and checked here (root, kernel BTF, bpftool)
bpf_live() {
	[ "$(id -u)" = 0 ] && [ -r /sys/kernel/btf/vmlinux ] &&
		command -v bpftool >/dev/null
}

tracefs_mounted() { grep -q " $TRACEFS tracefs " /proc/mounts; }

# wait_lines FILE N [TENTHS]: until FILE has N lines (10 s, or TENTHS of
# a second), e.g. a batch run's samples before it gets a signal; fails
# when it has not. A FILE not there yet has none: the redirection of a
# command started with & is made in its own process, maybe after this
# begins to wait.
nlines() { cat "$1" 2>/dev/null | wc -l; }
wait_lines() {
	i=0
	while [ "$(nlines "$1")" -lt "$2" ] && [ $i -lt "${3:-100}" ]; do
		sleep 0.1
		i=$((i + 1))
	done
	[ "$(nlines "$1")" -ge "$2" ]
}
