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

finish
