#!/bin/sh
# Lab VM guest script for `make lab`: start the workloads, then memscope on
# the console. vm.sh -i runs it on the terminal and gives a shell after it.
cd /out || exit 1
pids=$(sh /lab/workload.sh start 1)
manyvmas 10000 >/tmp/manyvmas.out 2>&1 &
mv=$!
i=0
while ! grep -q ready /tmp/manyvmas.out && [ $i -lt 100 ]; do
	sleep 0.1
	i=$((i + 1))
done
set -- $pids
cat <<EOF

lab: Debian $(uname -r), nodes $(cat /sys/devices/system/node/online), \
memscope.ko $(grep -q '^memscope ' /proc/modules && echo loaded || echo MISSING)
lab: workloads: $mv (manyvmas: 10,000 VMAs), $1 (16 MiB heap on node 1),
     $2 (a hostile comm). memscope starts now: q quits, ? helps; in the
     VMA tab select manyvmas ($mv), then t draws its maple tree.
EOF
sleep 3
memscope
cat <<EOF

lab: memscope ended. Try:
  memscope                      again
  memscope -b -n 1 --json --pid $mv --alloc-probe 10 | jq .alloc_probe
  echo $mv > /proc/memscope/maple; head -n 30 /proc/memscope/maple
  echo 'order 9 count 4 node 1' > /proc/memscope/alloc_probe; cat /proc/memscope/alloc_probe
  echo 'size 256 count 10000' > /proc/memscope/slab_bench; cat /proc/memscope/slab_bench
  cat /proc/buddy_status; rmmod memscope; insmod /lib/modules/lab/memscope.ko
  manyvmas N &                  another process with N VMAs
lab: files in /out come back to the host (tests/lab/out/session);
     exit (or Ctrl-D) powers the VM off.
EOF
