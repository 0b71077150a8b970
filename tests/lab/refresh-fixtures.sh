#!/bin/bash
# Regenerate the real-kernel fixture trees: this machine's (debian12-6.18)
# and the lab VM's on Debian's 6.1 (debian-6.1-2node) and 6.12
# (debian-6.12-2node). Usage: refresh-fixtures.sh [host|vm|vm612|all]
# (vm612 alone leaves the 6.1 and 6.18 trees untouched).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
fixtures=$top/tests/fixtures
out=$here/out
# Where the trees go; point it elsewhere to try a refresh without touching
# the committed trees (tests assert exact numbers from them).
dest=${DEST:-$fixtures}
host_tree=${HOST_TREE:-debian12-6.18}
vm_tree=${VM_TREE:-debian-6.1-2node}
vm612_tree=${VM612_TREE:-debian-6.12-2node}
vm_nodes=${VM_NODES_MB:-3584 1024} # vm.sh's default; see there

# Move a fresh capture NEW into tests/fixtures/NAME. Files someone added
# by hand to the old tree stay; old per-process directories go, since PIDs
# differ between captures.
install_tree() {
	local new=$1 dst=$dest/$2 f
	if [ -d "$dst" ]; then
		(cd "$dst" && find . -type f -o -type l) | while read -r f; do
			case $f in ./proc/[0-9]*) continue ;; esac
			[ -e "$new/$f" ] || [ -L "$new/$f" ] || {
				echo "refresh: keeping $2/${f#./}"
				mkdir -p "$new/$(dirname "$f")"
				cp -a "$dst/$f" "$new/$f"
			}
		done
		rm -rf "$dst"
	fi
	mkdir -p "$dest"
	mv "$new" "$dst"
	echo "refresh: $2: $(find "$dst" -type f | wc -l) files," \
		"$(du -sh --apparent-size "$dst" | cut -f1)"
}

# A note next to proc/ and sys/ saying where the tree came from.
provenance() {
	cat >"$1/CAPTURED" <<EOF
$2
Captured $(date -u +%Y-%m-%d) by tests/lab/refresh-fixtures.sh:
$3
Workload PIDs: $4 (a 16 MiB heap shell; a shell whose comm holds ESC and \\n)
EOF
	[ -z "${5:-}" ] || printf 'What the guest made for the Memory ledger:\n%s\n' \
		"$5" >>"$1/CAPTURED"
}

host() {
	local tree=$out/host-tree pids rc=0
	case $(uname -r) in
	6.18.*) ;;
	*) echo "refresh: warning: kernel $(uname -r), tree $host_tree" >&2 ;;
	esac
	rm -rf "$tree"
	pids=$(sh "$here/workload.sh" start)
	sh "$fixtures/capture.sh" "$tree" $pids || rc=$?
	sh "$here/workload.sh" stop $pids
	[ $rc -eq 0 ] || return $rc
	provenance "$tree" "$(uname -sr), $(ls -d /sys/devices/system/node/node* |
		wc -l) NUMA node(s), this machine" \
		"capture.sh with workload.sh start" "$pids"
	install_tree "$tree" "$host_tree"
}

# vm SERIES TREE: boot Debian's kernel of SERIES (6.1, 6.12) in the lab
# VM, run guest-capture.sh, install its tree as TREE.
vm() {
	local res=$out/vm-capture-$1 pids
	LAB_NODES_MB=$vm_nodes "$here/vm.sh" -k "$1" -m zram \
		-f "$fixtures/capture.sh" -f "$here/workload.sh" \
		-r "$here/guest-capture.sh" -o "$res" </dev/null
	pids=$(sed -n 's/^capture: workload pids //p' "$res/run.log")
	provenance "$res/tree" "$(cat "$res/uname")" \
		"in QEMU (nodes of $vm_nodes MiB), tests/lab/guest-capture.sh" \
		"$pids" "$(sed -n 's/^capture: \(hugetlb\|zram0\|zswap\|anon\)/\1/p' \
		"$res/run.log")"
	install_tree "$res/tree" "$2"
}

case ${1:-all} in
host) host ;;
vm) vm 6.1 "$vm_tree" ;;
vm612) vm 6.12 "$vm612_tree" ;;
all) host && vm 6.1 "$vm_tree" && vm 6.12 "$vm612_tree" ;;
*) echo "usage: $0 [host|vm|vm612|all]" >&2; exit 2 ;;
esac
