# The folio sizes' live tests' helpers (source after tests/lib.sh, root):
# PMD-size THP on for MADV_HUGEPAGE while they run, and put back, and
# tests/cli/thphold.c, a process holding an 8 MiB advised VMA.
# thp_on: hugepages-2048kB/enabled to madvise if it would give an advised
# VMA no PMD folio (never, or inherit from a top level of never), noting
# the value to put back; thp_restore: put it back (call it from the EXIT
# trap; it is also put back on INT, TERM and HUP).
THP=/sys/kernel/mm/transparent_hugepage
thp_old=
thp_on() {
	f=$THP/hugepages-2048kB/enabled
	[ -w "$f" ] || f=$THP/enabled
	cur=$(sed -E 's/.*\[([a-z]+)\].*/\1/' "$f")
	top=$(sed -E 's/.*\[([a-z]+)\].*/\1/' "$THP/enabled")
	if [ "$cur" = never ] || { [ "$cur" = inherit ] && [ "$top" = never ]; }; then
		thp_old=$cur thp_file=$f
		trap 'thp_restore; exit 1' INT TERM HUP
		echo madvise >"$f"
	fi
}
thp_restore() {
	[ -n "$thp_old" ] && echo "$thp_old" >"$thp_file"
	thp_old=
}
# thp_hold DIR: build and start the holder; $thp_pid, $thp_addr (hex)
thp_hold() {
	${CC:-cc} -O2 -o "$1/thphold" tests/cli/thphold.c || return 1
	"$1/thphold" >"$1/addr" &
	thp_pid=$!
	i=0
	while [ ! -s "$1/addr" ] && [ $i -lt 50 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	thp_addr=$(cat "$1/addr")
	[ -n "$thp_addr" ]
}
