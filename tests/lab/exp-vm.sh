#!/bin/sh
# Host: run memscope's experiments in the lab VM (exp-run.sh), copy each
# result directory to DEST/NAME and render its plots with gnuplot.
# usage: exp-vm.sh DEST [quick]   (EXPS=frag,slab,mglru; make lab-build first)
# Status: the guest's (or vm.sh's: 124 timeout, 3 crash, 2 setup).
cd "$(dirname "$0")/../.." || exit 2
dest=$1
quick=0
[ "${2:-}" = quick ] && quick=1
LAB=${LAB:-build/lab}
rel=$(cat "$LAB/release") || exit 2
res=tests/lab/out/exp-$quick
exps=${EXPS:-frag,slab,mglru}

echo "exp-vm: $exps (quick=$quick) in the lab VM, ${EXP_NODES_MB:-1024} MiB"
LAB_NODES_MB=${EXP_NODES_MB:-1024} tests/lab/vm.sh -k "/boot/vmlinuz-$rel" \
	-t "${EXP_TIMEOUT:-1200}" -A "EXPS=$exps EXP_QUICK=$quick" \
	-m "$LAB/kmod-$rel/memscope.ko" -m zram -m crc32c_generic -m ext4 \
	-b build/memscope -r tests/lab/exp-run.sh -o "$res"
rc=$?
mkdir -p "$dest"
for x in $(echo "$exps" | tr , ' '); do
	[ -f "$res/$x/report.md" ] || continue
	rm -rf "${dest:?}/$x"
	cp -r "$res/$x" "$dest/$x"
	if (cd "$dest/$x" && gnuplot plot.gp); then
		echo "exp-vm: $dest/$x: $(ls "$dest/$x" | tr '\n' ' ')"
	else
		echo "exp-vm: gnuplot failed in $dest/$x"
		rc=1
	fi
done
# the guest's log: run.log for all three, run-frag.log etc. for fewer
log=run.log
[ "$exps" = frag,slab,mglru ] || log=run-$(echo "$exps" | tr , -).log
cp "$res/run.log" "$dest/$log" 2>/dev/null
exit $rc
