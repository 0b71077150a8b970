# Guest side of tests/pkg/test_service.sh, the module: sourced last by
# service-guest.sh when the root has memscope-dkms. DKMS built memscope.ko
# for this kernel when apt installed the package; here it is loaded as a
# user would (modprobe), memscope's JSON must read the module, and rmmod
# must leave nothing of it.
rel=$(uname -r)
# mkjson FILE N: memscope -b -n N --json into FILE
mkjson() { memscope -b -n "$2" --json > "$1" 2> "$1.err"; }
# jqall FILE FILTER: FILE holds samples and the filter is true of each
jqall() { jq -se "length > 0 and all(.[]; $2)" "$1"; }
# gone: nothing of the module left in the kernel
gone() {
	! grep -q '^memscope ' /proc/modules && [ ! -e /proc/memscope ] &&
		[ ! -e /proc/buddy_status ] && [ ! -e /sys/module/memscope ] &&
		! grep -q memscope /proc/vmallocinfo &&
		! grep -q '^memscope' /proc/slabinfo
}

dkms status -m memscope -k "$rel" > dkms.status 2> dkms.err
sed 's/^/# dkms: /' dkms.status
ok "dkms status: memscope installed for $rel" \
	grep -q "^memscope/[^,]*, $rel, [^:]*: installed" dkms.status
# memscope.ko.xz where the kernel's modules are compressed (6.12)
ok "modinfo finds it in /lib/modules/$rel/updates/dkms" sh -c \
	"modinfo -n memscope | grep -qx '/lib/modules/$rel/updates/dkms/memscope\.ko\(\.xz\)\?'"
ok "its vermagic is $rel's" sh -c \
	"modinfo -F vermagic memscope | grep -q '^$rel '"
ok "nothing of it loaded before modprobe" gone

mkjson nomod.json 1
ok "without it: memscope -b -n 1 --json reads the buddy from procfs" \
	jqall nomod.json '.sources.buddy == "procfs"'

t=$(cat /proc/sys/kernel/tainted)
ok "modprobe memscope" modprobe memscope
echo "# tainted $t before, $(cat /proc/sys/kernel/tainted) after (O: out of tree, E: unsigned)"
ok "loaded (/proc/modules)" grep -q '^memscope ' /proc/modules
ok "dmesg: its self-test and ready line" sh -c \
	"dmesg | grep -q 'memscope: self-test order 0: ok' &&
	 dmesg | grep -q 'memscope: ready (buddy 1,'"
ok "/proc/memscope holds its five files" test "$(ls /proc/memscope |
	tr '\n' ' ')" = "alloc_probe buddy maple pageblocks slab_bench "

mkjson mod.json 2
ok "memscope -b -n 2 --json exits 0, two samples" sh -c \
	"test \$(jq -s length mod.json) = 2"
ok "both read the buddy from the module (sources.buddy kmod)" \
	jqall mod.json '.sources.buddy == "kmod"'
ok "and its migrate types: per-type counts add up to the free blocks" \
	jqall mod.json '[.buddy.zones[] | select(.free_pages != null) | . as $z |
	 range(0; $z.free_blocks | length) | . as $o |
	 ([$z.migratetypes[][$o]] | add) == $z.free_blocks[$o]] |
	 length > 0 and all'
ok "nothing unavailable that says insmod" jqall mod.json \
	'[.unavailable[]? | select(.why | test("insmod"))] | length == 0'
memscope -b -n 1 --json --pid 1 > pid1.json 2> /dev/null
ok "--pid 1: PID 1's maple tree from the module (sources.maple kmod)" \
	jqall pid1.json '.sources.maple == "kmod" and .vmas.maple.pid == 1 and
	 .vmas.maple.vmas > 0'

ok "rmmod memscope" rmmod memscope
ok "nothing of it left (modules, /proc, /sys, vmalloc, slab caches)" gone
mkjson after.json 1
ok "memscope reads the buddy from procfs again" \
	jqall after.json '.sources.buddy == "procfs"'
ok "dkms status: still installed for $rel" sh -c \
	"dkms status -m memscope -k '$rel' | grep -q ', $rel, [^:]*: installed'"
dmesg | sed -n '/memscope: /,$p' > dmesg-memscope.txt
ok "dmesg from its first line on: no WARNING, BUG, Oops or trace" sh -c \
	"! grep -q 'WARNING:\|BUG:\|Oops\|Call Trace\|general protection' dmesg-memscope.txt"
