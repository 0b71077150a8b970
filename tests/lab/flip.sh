# Guest script (vm.sh -r): churn's page-fault and mmap_lock load while a
# kernel knob flips a static key, without memscope, the module or BPF.
# MODE=tp: the mmap_lock trace events on and off through tracefs;
# MODE=stats: kernel.bpf_stats_enabled 1 and 0. SECS: how long (60).
# How the lab found that its soft lockups were TCG's (README.md).
SECS=${SECS:-60}
mount -t tracefs tracefs /sys/kernel/tracing 2>/dev/null
echo "flip: mode=$MODE secs=$SECS"
churn "$SECS" 4 >churn.out &
c=$!
end=$(($(date +%s) + SECS))
n=0
while [ "$(date +%s)" -lt $end ]; do
	case $MODE in
	stats) k=/proc/sys/kernel/bpf_stats_enabled ;;
	*) k=/sys/kernel/tracing/events/mmap_lock/enable ;;
	esac
	echo 1 >$k
	sleep 0.2
	echo 0 >$k
	sleep 0.2
	n=$((n + 1))
done
wait $c
cat churn.out
echo "flip: $n flips, no lockup"
