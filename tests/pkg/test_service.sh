#!/bin/sh
# memscope-record.service under a real systemd (docs/fleet.md, "As a
# service"): the memscope package and systemd-sysv installed into the
# minimal Debian 12 of test_deb.sh, made an ext4 image (mkfs.ext4 -d, no
# mount) and booted with Debian's 6.1 kernel and its initramfs from /boot
# in QEMU (TCG), systemd as PID 1. There service-guest.sh enables and
# starts the unit and checks what systemd made of it; its ok/FAIL lines
# come back on the second serial port. memscope-dkms is installed there
# too, with the image and headers packages of the kernel booted, and
# dkms-guest.sh then loads the module DKMS built (modprobe), checks that
# memscope reads it and that rmmod leaves nothing. Needs root (chroot),
# QEMU and Debian's archive (the only network used); reuses test_deb.sh's
# packages when the tree has not changed since.
set -u
. tests/lib.sh
. tests/lab/lib.sh
. tests/pkg/lib.sh

secs=${SERVICE_TIMEOUT:-900}

if [ "$(id -u)" -ne 0 ]; then
	echo "# skipped: needs root (chroot, the image's owners)"
	finish
	exit
fi
pkg_tools dpkg-buildpackage dh dh_dkms debootstrap mkfs.ext4 || {
	finish
	exit
}
command -v qemu-system-x86_64 > /dev/null || sh scripts/deps.sh lab \
	> /dev/null 2>&1
if ! command -v qemu-system-x86_64 > /dev/null; then
	echo "# skipped: no qemu-system-x86_64 and scripts/deps.sh lab" \
		"could not install it"
	finish
	exit
fi
# SERVICE_KERNEL=/boot/vmlinuz-RELEASE: another kernel of /boot
kernel=${SERVICE_KERNEL:-$(ls /boot/vmlinuz-6.1.0-*-amd64 2> /dev/null |
	sort -V | tail -n 1)}
initrd=/boot/initrd.img-${kernel#/boot/vmlinuz-}
if [ -z "$kernel" ] || [ ! -r "$initrd" ]; then
	echo "# skipped: no ${kernel:-Debian 6.1 kernel} with its initramfs in /boot" \
		"(scripts/deps.sh lab installs linux-image-amd64)"
	finish
	exit
fi
pkg_lock

tmp=$(mktemp -d /tmp/memscope-service.XXXXXX)
root=$tmp/root
qemu=""
cleanup() {
	[ -n "$qemu" ] && kill "$qemu" 2> /dev/null && wait "$qemu"
	root_umount "$root"
	grep -q " $tmp/" /proc/mounts || rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

if ! debs_cached "$tmp"; then
	build_debs "$tmp"
	ok "dpkg-buildpackage -us -uc -b builds" test $? = 0
fi
deb=$(ls "$tmp"/memscope_*_amd64.deb 2> /dev/null)
[ -n "$deb" ] || {
	tail -n 30 "$tmp/build.log"
	finish
	exit
}

dkms=$(ls "$tmp"/memscope-dkms_*_all.deb 2> /dev/null)
rel=${kernel#/boot/vmlinuz-}
base_root "$root"
root_mount "$root"
debian_sources "$root"
cp "$deb" "$dkms" "$root/tmp/"
in_root 300 apt-get update -q > "$tmp/apt.log" 2>&1
ok "apt-get update in the root (bookworm, -updates, -security)" test $? = 0
# the module: DKMS builds it when apt installs memscope-dkms beside the
# image and headers packages of the very kernel the VM boots (its ABI,
# e.g. 6.1.0-57-amd64, from bookworm-security), as on a box running it
mod=""
if [ -z "$dkms" ]; then
	echo "# skipped: the module (no memscope-dkms package built)"
elif ! in_root 60 apt-cache show linux-image-$rel > /dev/null 2>&1 ||
	! in_root 60 apt-cache show linux-headers-$rel > /dev/null 2>&1; then
	echo "# skipped: the module (Debian's archive has no linux-image-$rel" \
		"or linux-headers-$rel any more: scripts/deps.sh lab" \
		"installs the current kernel into /boot)"
else
	mod="linux-image-$rel linux-headers-$rel /tmp/${dkms##*/}"
fi
t0=$(date +%s)
# INITRD=No (the kernel's initramfs hook): the VM boots /boot's initramfs
# of this kernel, another one made in the root would go unused
in_root 1500 env INITRD=No apt-get install -y -q --no-install-recommends \
	systemd-sysv jq libcap2-bin "/tmp/${deb##*/}" $mod >> "$tmp/apt.log" 2>&1
ok "apt-get install systemd-sysv ./memscope_*.deb${mod:+ ./memscope-dkms_*.deb and $rel's image and headers} in the root" \
	test $? = 0
echo "# apt-get install: $(($(date +%s) - t0)) s; the root: $(du -smx "$root" | cut -f1) MB"
root_umount "$root"
[ -x "$root/lib/systemd/systemd" ] && [ -x "$root/usr/bin/memscope" ] || {
	tail -n 30 "$tmp/apt.log"
	finish
	exit
}
if [ -n "$mod" ]; then
	kver=$(dkms_version)
	# memscope.ko.xz where the kernel's modules are compressed (6.12)
	ko=$(ls "$root/lib/modules/$rel/updates/dkms/"memscope.ko* 2> /dev/null)
	ok "DKMS built and installed memscope.ko for $rel when apt installed it" \
		test -n "$ko" -a -d "$root/var/lib/dkms/memscope/$kver/$rel"
	[ -n "$ko" ] || grep -i 'dkms\|error' "$tmp/apt.log" | tail -n 20
	# the same revision as /boot's, or another of the same ABI
	cmp -s "$root/boot/vmlinuz-$rel" "$kernel" ||
		echo "# the root's vmlinuz-$rel is not /boot's (same ABI, another revision)"
	# the guest's part of the test (service-guest.sh runs it last)
	mkdir -p "$root/root/sdboot"
	cp tests/pkg/dkms-guest.sh "$root/root/sdboot/dkms.sh"
fi

# the guest: its test as a oneshot unit that powers the VM off when done;
# nothing else scheduled (the archive's timers), the chroot's leftovers out
rm -f "$root/usr/sbin/policy-rc.d" "$root"/etc/systemd/system/timers.target.wants/*
echo memscope-service > "$root/etc/hostname"
mkdir -p "$root/root/sdboot"
cp tests/lib.sh "$root/root/sdboot/lib.sh"
cp tests/pkg/service-guest.sh "$root/root/sdboot/guest.sh"
cat > "$root/etc/systemd/system/memscope-service-test.service" << 'EOF'
[Unit]
Description=test of memscope-record.service (tests/pkg/test_service.sh)
After=systemd-journald.service
SuccessAction=poweroff
FailureAction=poweroff

[Service]
Type=oneshot
ExecStart=/bin/sh /root/sdboot/guest.sh

[Install]
WantedBy=multi-user.target
EOF
ln -s ../memscope-service-test.service \
	"$root/etc/systemd/system/multi-user.target.wants/"
mkfs.ext4 -q -F -L memscope -d "$root" "$tmp/disk.img" 2G \
	> "$tmp/mkfs.log" 2>&1
ok "mkfs.ext4 -d makes the root's image" test $? = 0
rm -rf "$root"

# the console (systemd's and the kernel's messages) on ttyS0, the guest
# test's lines on ttyS1; one TCG thread, as the lab VM (tests/lab/vm.sh)
mkdir "$tmp/out"
: > "$tmp/out/console.log"
: > "$tmp/results.log"
timeout -k 10 "$secs" qemu-system-x86_64 -accel tcg,thread=single \
	-cpu max -smp 1 -m 1024 -display none -no-reboot -nic none \
	-monitor none -kernel "$kernel" -initrd "$initrd" \
	-append "root=/dev/vda rw console=ttyS0 panic=-1 loglevel=4" \
	-drive "file=$tmp/disk.img,format=raw,if=virtio" \
	-serial "file:$tmp/out/console.log" -serial "file:$tmp/results.log" \
	< /dev/null > "$tmp/qemu.log" 2>&1 &
qemu=$!
t0=$(date +%s)
wait $qemu
rc=$?
qemu=""
echo "# ${kernel#/boot/}: QEMU ran $(($(date +%s) - t0)) s, status $rc"
tr -d '\r' < "$tmp/results.log" > "$tmp/out/run.log"
grep -a '^ok \|^FAIL\|^# ' "$tmp/out/run.log" | sed 's/^/guest: /'
# the guest powers off whatever its test says: no count, no power off
# (QEMU status 0) is a guest that never ran to the end
grep -q '^[0-9]* passed, [0-9]* failed$' "$tmp/out/run.log" ||
	[ $rc = 124 ] || rc=3
vm_counted "guest: " $rc "$tmp/out" ||
	tail -n 40 "$tmp/out/console.log"
finish
