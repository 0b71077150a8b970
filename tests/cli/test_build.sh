# The build's configuration, the way a newcomer meets it: a fresh tree on a
# machine without the BPF, libnl and libmicrohttpd -dev packages, where
# `make run`'s deps step installs them, is built with all three on its
# first run; a tree built with HAVE_BPF=0 HAVE_LIBNL=0 HAVE_MHD=0 is
# rebuilt with them by a plain `make`.
# The machine's packages are hidden from pkg-config (PKG_CONFIG_LIBDIR) and
# DEPS=... "installs" them by putting their .pc files back.
. tests/lib.sh
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# make check's own make and its jobserver are not this build's
unset MAKEFLAGS MFLAGS MAKELEVEL
M="make --no-print-directory -j2"
C=$tmp/c

if ! pkg-config --exists libbpf libnl-genl-3.0 libmicrohttpd; then
	no "needs libbpf-dev, libnl-genl-3-dev and libmicrohttpd-dev (make deps-check)" true
	finish
	exit
fi

# a copy of the tracked files as they are in the work tree, no build/
mkdir "$C"
git ls-files -z | tar --null -T - --ignore-failed-read -cf - 2>/dev/null |
	tar -xf - -C "$C"
ok "a clean copy of the tree" test -f "$C/Makefile" -a ! -e "$C/build"

# pkg-config finds every .pc file of this machine but libbpf's, libnl-genl's
# and libmicrohttpd's
pc=$tmp/pc
mkdir "$pc"
for d in $(pkg-config --variable pc_path pkg-config | tr : ' '); do
	for f in "$d"/*.pc; do
		[ -e "$f" ] && [ ! -e "$pc/${f##*/}" ] && ln -s "$f" "$pc/"
	done
done
cat > "$tmp/deps.sh" <<EOF
# stands in for scripts/deps.sh: installs the three -dev packages' .pc files
echo "deps \$1" >> "$tmp/deps.log"
cp "$(pkg-config --path libbpf)" "$(pkg-config --path libnl-genl-3.0)" \\
	"$(pkg-config --path libmicrohttpd)" "$pc/"
EOF
rm -f "$pc/libbpf.pc" "$pc/libnl-genl-3.0.pc" "$pc/libmicrohttpd.pc"
ok "pkg-config: without libbpf, libnl-genl-3.0 and libmicrohttpd" sh -c \
	"! PKG_CONFIG_LIBDIR='$pc' pkg-config --exists libbpf &&
	 ! PKG_CONFIG_LIBDIR='$pc' pkg-config --exists libnl-genl-3.0 &&
	 ! PKG_CONFIG_LIBDIR='$pc' pkg-config --exists libmicrohttpd &&
	 PKG_CONFIG_LIBDIR='$pc' pkg-config --exists ncursesw json-c"

# run LOG ARGS...: make in the copy without the packages, output in LOG
run() {
	log=$tmp/$1; shift
	PKG_CONFIG_LIBDIR=$pc $M -C "$C" DEPS="sh $tmp/deps.sh" "$@" \
		> "$log" 2>&1
}
# compiled LOG: the make in LOG compiled or linked something
compiled() {
	grep -qE '^  (CC|LD) ' "$1"
}

run run1 run ARGS=--version
ok "make run: succeeds" test $? -eq 0
ok "make run: its deps step ran" grep -qx 'deps run' "$tmp/deps.log"
ok "make run: the first run is built with bpf, taskstats and serve" \
	grep -qx 'built with: bpf taskstats serve' "$tmp/run1"
ok "make run: no --version line without them" \
	sh -c "! grep -q '^built without' '$tmp/run1'"
grep '^built with' "$tmp/run1"
run run2 run ARGS=--version
ok "make run again: built with bpf, taskstats and serve" \
	grep -qx 'built with: bpf taskstats serve' "$tmp/run2"
no "make run again: compiles nothing" compiled "$tmp/run2"

run off all HAVE_BPF=0 HAVE_LIBNL=0 HAVE_MHD=0
ok "make HAVE_BPF=0 HAVE_LIBNL=0 HAVE_MHD=0: succeeds" test $? -eq 0
"$C/build/memscope" --version > "$tmp/v-off"
ok "make HAVE_BPF=0 HAVE_LIBNL=0 HAVE_MHD=0: rebuilt without the three" \
	grep -q '^built without: bpf .*, taskstats .*, serve (libmicrohttpd-dev)$' "$tmp/v-off"
no "the library holds no BPF, taskstats or HTTP object then" sh -c \
	"ar t '$C/build/libmemscope.a' | grep -qxE 'bpf.o|taskstats.o|serve.o'"
"$C/build/memscope" --serve :0 > /dev/null 2> "$tmp/serve-off"
ok "without libmicrohttpd: --serve exits 2" test $? -eq 2
ok "without libmicrohttpd: --serve names the package" \
	grep -q 'libmicrohttpd-dev' "$tmp/serve-off"

# whatever the first part did, the packages are there now
sh "$tmp/deps.sh" later
run on all
ok "make (the packages there): succeeds" test $? -eq 0
"$C/build/memscope" --version > "$tmp/v-on"
ok "make (the packages there): rebuilt with bpf, taskstats and serve" \
	grep -qx 'built with: bpf taskstats serve' "$tmp/v-on"
no "the library holds no nobpf.o, notaskstats.o or noserve.o then" sh -c \
	"ar t '$C/build/libmemscope.a' | grep -qxE 'nobpf.o|notaskstats.o|noserve.o'"
run again all
no "make again: compiles nothing" compiled "$tmp/again"

# The user's flags from the environment: the sub-make of make run gets them
# as they came, so it builds what a plain make built (each used to append
# memscope's flags to them again, rebuilding everything, -Wall twice).
CFLAGS="-O2 -g" run envflags all
ok "CFLAGS in the environment: make succeeds" test $? -eq 0
CFLAGS="-O2 -g" run envrun run ARGS=--version V=1
ok "CFLAGS in the environment: make run succeeds" test $? -eq 0
no "CFLAGS in the environment: make run compiles nothing after make" \
	grep -qE '(^| )-c -o ' "$tmp/envrun"
no "CFLAGS in the environment: no flag twice in the sub-make" \
	grep -q -- '-Wall.*-Wall' "$tmp/envrun"
# a CFLAGS on the command line keeps memscope's warnings (it used to
# replace them, -Werror included)
run cmdline -B -n build/model/field.o CFLAGS=-O0 V=1
ok "CFLAGS=-O0 on the command line: -O0 and -Werror both used" \
	grep -q -- '-O0 .*-Werror' "$tmp/cmdline"
finish
