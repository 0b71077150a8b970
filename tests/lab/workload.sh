#!/bin/sh
# Start the processes a fixture capture looks at, on the host or in the lab VM.
# POSIX sh + busybox. Usage: workload.sh start [CPU]  (prints the PIDs)
#                            workload.sh stop PID...
set -u

# A shell holding MB mebibytes of heap, then idling (kill it to free).
hog() {
	mb=$1
	exec sh -c "x=\$(head -c $((mb * 1048576)) /dev/zero | tr '\\0' a)
		while :; do sleep 1; done"
}

start() {
	cpu=${1:-}
	# Allocation is node-local by default, so pinning the hog to a CPU
	# puts its pages on that CPU's node.
	if [ -n "$cpu" ] && command -v taskset >/dev/null 2>&1; then
		taskset -c "$cpu" sh "$0" hog 16 >/dev/null 2>&1 &
	else
		sh "$0" hog 16 >/dev/null 2>&1 &
	fi
	hog_pid=$!
	# Only a task itself may write its comm, so the shell renames itself.
	# comm is 15 bytes at most; this is 14: an ANSI escape and a newline.
	sh -c "printf 'evil\\033[31m\\nname' > /proc/self/comm
		while :; do sleep 1; done" >/dev/null 2>&1 &
	evil=$!
	# Wait until the hog's heap is filled, so a capture sees it resident.
	i=0
	while [ $i -lt 50 ]; do
		rss=$(sed -n 's/^VmRSS:[^0-9]*\([0-9]*\).*/\1/p' \
			"/proc/$hog_pid/status" 2>/dev/null)
		[ "${rss:-0}" -ge 16384 ] && break
		sleep 0.2
		i=$((i + 1))
	done
	echo "$hog_pid $evil"
}

case ${1:-} in
start) shift; start "$@" ;;
hog) hog "$2" ;;
stop) shift; kill "$@" 2>/dev/null; true ;;
*) echo "usage: $0 start [CPU] | stop PID..." >&2; exit 2 ;;
esac
