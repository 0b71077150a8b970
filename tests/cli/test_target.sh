# -p PID and --cache NAME that name nothing: a message on stderr and exit
# status 1 in batch mode (the explorer's refusal and the screens it opens
# at: tests/tui/test_start.sh); ones that exist work as before.
. tests/lib.sh
R=$FIX/debian12-6.18
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# run NAME ARGS...: memscope's stdout, stderr and status into $tmp/NAME.*
run() {
	name=$1; shift
	timeout 20 "$MS" "$@" >"$tmp/$name.out" 2>"$tmp/$name.err"
	echo $? >"$tmp/$name.rc"
}
rc() { test "$(cat "$tmp/$1.rc")" = "$2"; }

run nopid -b -n 1 --root "$R" --tab vma --pid 999999
ok "-b --pid 999999: status 1" rc nopid 1
ok "-b --pid 999999: says so on stderr" grep -qx "memscope: pid 999999: no such process" "$tmp/nopid.err"
ok "-b --pid 999999: no sample of nothing" test ! -s "$tmp/nopid.out"
run nopidj -b -n 1 --json --root "$R" --tab all --pid 999999
ok "-b --json --tab all --pid 999999: status 1" rc nopidj 1
run nocache -b -n 1 --root "$R" --tab slab --cache nosuch
ok "-b --cache nosuch: status 1" rc nocache 1
ok "-b --cache nosuch: says so on stderr" grep -qx "memscope: no slab cache named 'nosuch'" "$tmp/nocache.err"
ok "-b --cache nosuch: no sample of nothing" test ! -s "$tmp/nocache.out"
run badcache -b -n 1 --root "$R" --tab slab --cache ../../etc
ok "-b --cache with a slash: status 1" rc badcache 1
run hostile -b -n 1 --root "$R" --tab slab --cache "$(printf 'x\033[2J')"
ok "-b --cache NAME: the name escaped on stderr" grep -qF "named 'x\\x1b[2J'" "$tmp/hostile.err"
run forever -b --root "$R" --tab vma --pid 999999
ok "-b without -n: ends at once, status 1" rc forever 1
run norec -b -n 2 -d 0.1 --root "$R" --tab vma --pid 999999 --record "$tmp/nopid.zst"
ok "-b --pid 999999 --record: status 1" rc norec 1
ok "-b --pid 999999 --record: says so on stderr" grep -qx "memscope: pid 999999: no such process" "$tmp/norec.err"
ok "-b --pid 999999 --record: no recording made" test ! -e "$tmp/nopid.zst"
run norecc -b -n 2 -d 0.1 --root "$R" --tab slab --cache nosuch --record "$tmp/nocache.zst"
ok "-b --cache nosuch --record: status 1, no recording made" sh -c \
	"test \"\$(cat '$tmp/norecc.rc')\" = 1 && test ! -e '$tmp/nocache.zst'"

# what exists works as before
run pid -b -n 1 --root "$R" --tab vma --pid 9080
ok "-b --pid 9080: status 0" rc pid 0
ok "-b --pid 9080: its VMAs" grep -q "heap" "$tmp/pid.out"
run nomaps -b -n 1 --root "$R" --tab vma --pid 1
ok "-b --pid 1 (no maps in the tree): status 0, the note says why" sh -c "rc() { test \"\$(cat $tmp/nomaps.rc)\" = 0; }; rc && grep -q 'no maps or smaps' $tmp/nomaps.out"
run cache -b -n 1 --root "$R" --tab slab --cache dentry
ok "-b --cache dentry: status 0" rc cache 0
run large -b -n 1 --root "$R" --tab slab --cache kmalloc-large
ok "-b --cache kmalloc-large (no slab cache, counted by BPF): status 0" rc large 0
ok "-b --cache kmalloc-large: the note says what it is" grep -q "'kmalloc-large': no slab cache: kmalloc()s larger than every kmalloc cache" "$tmp/large.out"
run notab -b -n 1 --root "$R" --tab buddy --pid 999999
ok "-b --tab buddy --pid 999999: no VMAs asked, status 0" rc notab 0
run notabrec -b -n 2 -d 0.1 --root "$R" --tab buddy --pid 999999 --record "$tmp/buddy.zst"
ok "-b --tab buddy --pid 999999 --record: no VMAs asked, status 0, recorded" sh -c \
	"test \"\$(cat '$tmp/notabrec.rc')\" = 0 && test -s '$tmp/buddy.zst'"
run rec -b -n 2 -d 0.1 --root "$R" --tab vma --pid 9080 --record "$tmp/pid.zst"
ok "-b --pid 9080 --record: status 0, both samples recorded" sh -c \
	"test \"\$(cat '$tmp/rec.rc')\" = 0 && test \"\$(zstdcat '$tmp/pid.zst' | grep -c '\"processes\"')\" = 2"

finish
