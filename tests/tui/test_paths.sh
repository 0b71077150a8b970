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
# (the last column may be the list's scroll bar)
ok "libc's path keeps its file name" wait_re '…/libc\.so\.6 *(│|█)?$'
no "no path is cut to its directories" sh -c "tmux capture-pane -p -t $S | grep -Eq 'x86_64-linux-g *(│|█)?\$'"
keys Home Down Down Down Down Down Down Down Down Down Enter
ok "a VMA's page: the header names the file" wait_re '^pid 9080 sh: .*…/libc\.so\.6  \(Esc back\)'
ok "a VMA's page: its full path where it fits" wait_re '^  path +/usr/lib/x86_64-linux-gnu/libc\.so\.6 *(│|█)?$'

session 80 24 "$MS --root $R --ascii --tab vma"
keys Home
wait_for "9080"
keys Enter
ok "ASCII: the ellipsis is three dots" wait_re '\.\.\./libc\.so\.6 *[|#]?$'

# Two processes named "sh", told apart by their command lines (`l`)
session 80 24 "$MS --root $R --tab vma"
wait_for "process_api"
ok "names: two rows read just sh" sh -c "test \$(tmux capture-pane -p -t $S | grep -c ' sh *\$') -eq 2"
keys l
ok "l: the column shows command lines" wait_for "Command line"
ok "l: sh -c x=... (9080)" wait_re '^ +9080 .* sh -c x=\$\(head -c 16777216'
ok "l: the capture script (14118)" wait_re '^ +14118 .* sh tests/fixtures/capture\.sh'
ok "l: sh -c printf (9081), a backslash escaped" wait_re "^ +9081 .* sh -c printf 'evil\\\\\\\\033"
ok "l: the program without its directory (pid 1)" wait_re '^ +1 .* process_api --firecracker-init'
keys '/' c a p t Enter
ok "l: / filters on the command line" wait_gone "9080"
ok "l: ... and keeps the match" wait_for "14118"
keys Escape l
ok "l again: the names" wait_re 'MajFlt/s Command *(›|>)?$'

# A hostile command line is escaped: ESC, the NULs between arguments, bad UTF-8
session 100 30 "$MS --root $FIX/edge-proc-hostile --tab vma"
keys l
ok "hostile command line escaped" wait_for 'evil\x1b[2J --arg \xff'

finish
