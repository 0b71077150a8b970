#!/bin/sh
# Guest side of tests/pkg/test_service.sh: run by systemd (PID 1) in the
# VM, it starts memscope-record.service as installed by the package and
# checks what systemd made of it; ok/FAIL lines on the second serial port.
set -u
cd /root/sdboot || exit 1
. ./lib.sh
exec > /dev/ttyS1 2>&1

unit=memscope-record.service
file=/lib/systemd/system/$unit
dir=/var/lib/memscope
# the rows of docs/fleet.md's capabilities table the unit leaves out
# (CAP_SYS_ADMIN): /proc/iomem's addresses, the OOM victim's program
admin_only="bpf ms_oomvictim
iomem"

prop() { systemctl show -p "$1" --value "$unit"; }
# nsamples DIR: the samples a replay of DIR prints (0 without a file)
nsamples() { memscope --replay "$1" -b --json 2> /dev/null | wc -l; }
# wait_samples DIR N: until DIR holds N samples, at most 300 polls
wait_samples() {
	i=0
	while [ "$(nsamples "$1")" -lt "$2" ] && [ $i -lt 300 ]; do
		sleep 1
		i=$((i + 1))
	done
	[ "$(nsamples "$1")" -ge "$2" ]
}
# caps HEX: the capability names of a mask, one a line, sorted
caps() {
	capsh --decode="$1" | sed 's/.*=//' | tr ',' '\n' | grep . | sort
}
# unitcaps KEY: the names the unit file gives KEY, one a line, sorted
unitcaps() {
	sed -n "s/^$1=//p" "$file" | tr ' ' '\n' | grep . |
		tr 'A-Z' 'a-z' | sort
}
status() { sed -n "s/^$2:[[:space:]]*//p" "/proc/$1/status"; }

echo "# $(uname -r); $(systemctl --version | head -n 1)"
ok "PID 1 is systemd" test "$(cat /proc/1/comm)" = systemd
ok "the unit is installed, not enabled" sh -c \
	"test -f $file && ! systemctl -q is-enabled $unit"
ok "systemctl enable --now $unit" systemctl enable --now "$unit"
ok "the recording in $dir reaches two samples" wait_samples "$dir" 2
echo "# $(nsamples "$dir") samples after $(cut -d' ' -f1 /proc/uptime) s of uptime"

ok "ActiveState=active SubState=running" test \
	"$(prop ActiveState) $(prop SubState)" = "active running"
ok "not restarted (NRestarts=0)" test "$(prop NRestarts)" = 0
pid=$(prop MainPID)
ok "MainPID is memscope" test "$(cat "/proc/$pid/comm" 2> /dev/null)" = memscope

# what systemd made of the unit's settings, read from the process
set -- $(status "$pid" Uid)
uid=${1:-0}
ok "runs as a user of its own, not root (uid $uid)" sh -c \
	"test '$uid' -ne 0 && test '$*' = '$uid $uid $uid $uid'"
ok "no other process runs as uid $uid" test \
	"$(cat /proc/[0-9]*/status | grep -c "^Uid:[[:space:]]*$uid[[:space:]]")" = 1
amb=$(unitcaps AmbientCapabilities)
bnd=$(unitcaps CapabilityBoundingSet)
echo "# unit: ambient $(echo $amb), bounding $(echo $bnd)"
for c in Eff Prm Amb; do
	got=$(caps "$(status "$pid" Cap$c)")
	ok "Cap$c is the unit's AmbientCapabilities" test "$got" = "$amb"
	[ "$got" = "$amb" ] || echo "# Cap$c: $(echo $got)"
done
got=$(caps "$(status "$pid" CapBnd)")
ok "CapBnd is the unit's CapabilityBoundingSet" test "$got" = "$bnd"
[ "$got" = "$bnd" ] || echo "# CapBnd: $(echo $got)"
ok "NoNewPrivs: 1" test "$(status "$pid" NoNewPrivs)" = 1
ok "LimitMEMLOCK=infinity" grep -q '^Max locked memory  *unlimited  *unlimited' \
	"/proc/$pid/limits"
# field 19 of stat, counted after the ")" that ends the name
ok "Nice=10" test "$(sed 's/.*) //' "/proc/$pid/stat" | cut -d' ' -f17)" = 10
ok "IOSchedulingClass=idle" sh -c "ionice -p $pid | grep -qx idle"
ok "a seccomp filter (Seccomp: 2)" test "$(status "$pid" Seccomp)" = 2
in_ns() { nsenter -t "$pid" -m "$@"; }
no "ProtectSystem=strict: /usr and /etc read-only to it" sh -c \
	"nsenter -t $pid -m touch /usr/sdboot || nsenter -t $pid -m touch /etc/sdboot"
ok "ProtectHome: /root empty to it" sh -c \
	"test -z \"\$(nsenter -t $pid -m ls -A /root)\""
: > /tmp/sdboot-host
no "PrivateTmp: its /tmp is not the system's" in_ns test -e /tmp/sdboot-host
no "PrivateDevices: no /dev/vda" in_ns test -e /dev/vda
ok "PrivateNetwork: a network namespace of its own" test \
	"$(readlink "/proc/$pid/ns/net")" != "$(readlink /proc/1/ns/net)"

# the directory and its files
real=$(readlink -f "$dir")
ok "$dir is $real, 0700, the unit's user's" test \
	"$(stat -c '%a %u' "$real")" = "700 $uid"
bad=$(find "$real" -mindepth 1 ! \( -type f -perm 600 -uid "$uid" \))
ok "every file there is 0600 and the unit's user's" test -z "$bad"
ok "and there is one (memscope-START.zst, being written)" sh -c \
	"ls '$real' | grep -qx 'memscope-[0-9T.]*Z\.zst'"

# what it records against what root's recorder records on this kernel
memscope --replay "$dir" -b --json > svc.json 2> svc.err
ok "memscope --replay $dir -b --json reads the samples" sh -c \
	"test \$(wc -l < svc.json) -ge 2"
mkdir -m 700 rootrec
memscope record --dir rootrec -d 1 2> rootrec.err &
rec=$!
ok "a recorder as root (the reference) reaches two samples" wait_samples \
	rootrec 2
kill -TERM $rec
wait $rec
memscope --replay rootrec -b --json > root.json 2> /dev/null
# the last sample's section names, unavailable entries, BPF groups
last() { tail -n 1 "$1" | jq -r "$2"; }
for f in svc root; do
	last $f.json 'keys[]' > $f.keys
	last $f.json '.sources | keys[]' > $f.sources
	# less the moment's: a cgroup removed while it was read
	last $f.json '.unavailable[].what | select(. != "cgroup_vanished")' |
		sort > $f.unav
	last $f.json '.bpf.groups[]?' | sort > $f.groups
	echo "# $f: unavailable: $(last $f.json '[.unavailable[] | .what + " (" + .why + ")"] | join("; ")')"
	echo "# $f: bpf groups: $(echo $(cat $f.groups))"
done
ok "the same sections as root's" cmp svc.keys root.keys
ok "the same sources as root's" cmp svc.sources root.sources
ok "the same BPF groups as root's" cmp svc.groups root.groups
ok "the BPF backend runs (buddy slab fault reclaim numa)" sh -c \
	"test \"\$(echo \$(cat svc.groups))\" = 'buddy fault numa reclaim slab'"
comm -23 svc.unav root.unav > more.unav
printf '%s\n' "$admin_only" > admin.unav
ok "unavailable only where root's is, and for CAP_SYS_ADMIN's rows" sh -c \
	"comm -23 more.unav admin.unav | grep -q . && exit 1; exit 0"
comm -23 more.unav admin.unav | sed 's/^/# unavailable beyond root: /'
ok "pagetypeinfo read (buddy migrate types)" test \
	"$(last svc.json '[.buddy.zones[].migratetypes | select(. != null)] | length')" -gt 0
ok "slabinfo read" test "$(last svc.json '.slab.caches | length')" -gt 0
ok "smaps_rollup of root's processes (PID 1's PSS)" test \
	"$(last svc.json '.processes[] | select(.pid == 1) | .pss_kb // 0')" -gt 0

# a crash: SIGKILL, then Restart=on-failure (RestartSec=10s) starts a
# recorder that closes the file the killed one left, with its last
# sample's time, and starts a new one
open_file() { ls "$real" | grep -x 'memscope-[0-9T.]*Z\.zst'; }
left=$(open_file)
ok "systemctl kill -s KILL $unit" systemctl kill -s KILL "$unit"
# restarted: NRestarts=1, active, its new file begun (at most 300 polls)
i=0
until [ "$(prop NRestarts) $(prop ActiveState)" = "1 active" ] &&
	open_file | grep -qvx "$left" || [ $i -ge 300 ]; do
	sleep 1
	i=$((i + 1))
done
ok "Restart=on-failure starts it again (NRestarts=1)" test \
	"$(prop NRestarts) $(prop ActiveState)" = "1 active"
ok "as a new process" test "$(prop MainPID)" != "$pid"
ok "which closed the killed one's file with an END" sh -c \
	"ls '$real' | grep -qx '${left%.zst}-[0-9T.]*Z\.zst'"
ok "and began a file of its own" sh -c "open_file() { ls '$real' |
	grep -x 'memscope-[0-9T.]*Z\.zst'; }; open_file | grep -qvx '$left'"

# a clean stop
ok "systemctl stop $unit" systemctl stop "$unit"
ok "it exited 0 (Result=success, ExecMainStatus=0)" test \
	"$(prop Result) $(prop ExecMainStatus)" = "success 0"
ok "its file closed with its END" sh -c \
	"ls '$real' | grep -q . && ! ls '$real' | grep -vx 'memscope-[0-9T.]*Z-[0-9T.]*Z\.zst'"
journalctl --sync 2> /dev/null
journalctl -q -u "$unit" -o cat -p warning > warn.log
# the one warning: systemd's about the SIGKILL
grep -v '^memscope-record.service: Main process exited, code=killed, status=9/KILL$\|^memscope-record.service: Failed with result .signal.\.$' \
	warn.log > warn2.log
ok "no other warning or error about the unit in the journal" test ! -s warn2.log
journalctl -q _SYSTEMD_UNIT="$unit" -o cat > said.log
ok "memscope said where it records, twice, and which file it closed" sh -c \
	"test \$(grep -cx 'memscope record: into $dir every 10 s.*' said.log) = 2 &&
	 grep -qx 'memscope record: $left: [0-9]* samples.*' said.log &&
	 test \$(wc -l < said.log) = 3"
sed 's/^/# journal: /' warn.log said.log
# the module, when test_service.sh installed memscope-dkms (dkms-guest.sh)
[ -f dkms.sh ] && . ./dkms.sh
finish
