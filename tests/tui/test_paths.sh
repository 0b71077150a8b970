# Paths and command lines at 80x24: a path cut to its column keeps its
# file name (the middle goes), and the process list tells processes of one
# name apart by their command lines, escaped.
. tests/lib.sh
. tests/tui/lib.sh
R=$FIX/debian12-6.18

session 80 24 "$MS --root $R --tab vma"
keys Home
wait_for "9080"
keys Enter
ok "the mappings of pid 9080" wait_for "[heap]"
ok "libc's path keeps its file name" wait_re '…/libc\.so\.6 *$'
no "no path is cut to its directories" sh -c "tmux capture-pane -p -t $S | grep -q 'x86_64-linux-g *\$'"
keys Home Down Down Down Down Down Down Down Down Down Enter
ok "a VMA's page: the header names the file" wait_re '^pid 9080 sh: .*…/libc\.so\.6  \(Esc back\)'
ok "a VMA's page: its full path where it fits" wait_re '^  path +/usr/lib/x86_64-linux-gnu/libc\.so\.6$'

session 80 24 "$MS --root $R --ascii --tab vma"
keys Home
wait_for "9080"
keys Enter
ok "ASCII: the ellipsis is three dots" wait_re '\.\.\./libc\.so\.6 *$'

finish
