# What the explorer says of this run and this kernel is true: the help's
# replay lines outside a replay, the BPF line of a replay, the pseudo
# cache kmalloc-large's page, and
# the module hints on a kernel that cannot load modules.
. tests/lib.sh
. tests/tui/lib.sh
R=$FIX/debian12-6.18
tmp=$(mktemp -d)
trap 'tui_cleanup; rm -rf "$tmp"' EXIT

# ---- the help's replay lines, live --------------------------------------
session 80 24 "$MS --root $R"
keys '?'
scroll_to "bookmarks: "
no "live: nothing claims to be replaying" sh -c "tmux capture-pane -p -t $S | grep -q 'while replaying'"
ok "live: the help says it is no replay" wait_for "not a replay: these keys act with --replay FILE"
ok "live: bookmarks only in a replay" wait_for "bookmarks: only in a replay"
mkdir -p "$tmp/a-rather-long-directory-name/x"
session 80 24 "$MS --root $R --record $tmp/a-rather-long-directory-name/x/lecture.zst"
keys '?'
ok "--record: the help names the file being written" scroll_to "(--record)"
ok "--record: its path keeps the file name" wait_re 'recording into .*lecture\.zst \(--record\)'

# ---- kmalloc-large: the BPF backend's row for large kmallocs -------------
session 80 24 "$MS --replay tests/golden/recording.zst --tab slab"
keys p / k m a l l o c - l a Enter Enter
ok "kmalloc-large: its page says what it is" wait_for "kmalloc-large is no slab cache"
ok "kmalloc-large: its rates and call sites" wait_for "Allocation rates and call sites (bpf)"
no "kmalloc-large: no 'gone?'" sh -c "tmux capture-pane -p -t $S | grep -q 'gone?\|not listed\|unavailable (no backend'"
ok "replay: the BPF line says its groups were recorded" \
	wait_for "bpf: buddy slab fault reclaim numa recorded;"
no "replay: no 'live' on the BPF line" sh -c "tmux capture-pane -p -t $S | grep -q 'bpf: .* live'"

# ---- module hints: what this kernel (or the tree's) can load -------------
session 80 24 "$MS --root $R"
keys a
ok "a tree without proc/modules: its kernel may load none" wait_re '^proc/modules in it: its kernel may load none'
no "a tree: no sudo insmod" sh -c "tmux capture-pane -p -t $S | grep -q insmod"
cp -r $FIX/edge-buddy-order0 "$tmp/mods"
echo 'virtio_net 69632 0 - Live 0x0' >"$tmp/mods/proc/modules"
session 80 24 "$MS --root $tmp/mods"
keys a
ok "a tree with proc/modules: not loaded when captured" wait_re 'unavailable: module not loaded when this tree was captured *$'
"$MS" --root "$tmp/mods" --capture "$tmp/cap" >/dev/null 2>&1
ok "--capture copies proc/modules" cmp "$tmp/mods/proc/modules" "$tmp/cap/proc/modules"
# live: this machine's kernel, either way (the root is /)
session 80 24 "$MS --tab vma"
keys t
if [ -e /proc/memscope ]; then
	echo "ok   - live: the module is loaded here (skipped)"
elif [ -e /proc/modules ]; then
	ok "live, a modular kernel: how to load it" wait_for "sudo insmod kmod/memscope.ko"
else
	ok "live, no /proc/modules: this kernel cannot load modules" wait_for "this kernel cannot load modules (no /proc/modules)"
	ok "live, no /proc/modules: the lab VM, wrapped whole at 80x24" wait_for "make lab (tests/lab/README.md)"
fi

finish
