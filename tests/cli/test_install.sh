# make install / uninstall into a temporary DESTDIR: the file list, the
# installed binary runs and finds its themes where it was installed (not
# in the source tree), a build for another PREFIX finds them there.
. tests/lib.sh
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
D=$tmp/dest
R=$(pwd)/$FIX/debian12-6.18
M="make --no-print-directory -s"

$M install DESTDIR="$D" > "$tmp/install.log" 2>&1
ok "make install DESTDIR=... succeeds" test -x "$D/usr/local/bin/memscope"
( cd "$D" && find . -type f | sed 's|^\./||' | sort ) > "$tmp/got"
{
	echo usr/local/bin/memscope
	echo usr/local/share/bash-completion/completions/memscope
	for f in README.md docs/*.md; do echo "usr/local/share/doc/memscope/${f##*/}"; done
	for f in build/locale/*/LC_MESSAGES/memscope.mo; do
		[ -f "$f" ] && echo "usr/local/share/locale/${f#build/locale/}"
	done
	echo usr/local/share/man/man1/memscope.1
	echo usr/local/lib/systemd/system/memscope-record.service
	for f in kmod/*.c kmod/*.h kmod/uapi/*.h kmod/Kbuild kmod/Makefile kmod/dkms.conf kmod/README.md; do
		case $f in *.mod.c) continue ;; esac
		echo "usr/local/share/memscope/kmod/${f#kmod/}"
	done
	echo usr/local/share/memscope/dashboards/memscope.json
	for f in themes/*.theme themes/README.md; do
		echo "usr/local/share/memscope/themes/${f#themes/}"
	done
} | sort > "$tmp/want"
ok "installed files: exactly the expected list" cmp -s "$tmp/want" "$tmp/got"
cmp -s "$tmp/want" "$tmp/got" || diff "$tmp/want" "$tmp/got"
ok "themes installed: default light mono projector" test -f "$D/usr/local/share/memscope/themes/default.theme" \
	-a -f "$D/usr/local/share/memscope/themes/projector.theme"
ok "kmod with dkms.conf" grep -q '^PACKAGE_NAME="memscope"' "$D/usr/local/share/memscope/kmod/dkms.conf"
ok "kmod: the interface header in its uapi/ folder, as the sources include it" \
	sh -c "test -f '$D/usr/local/share/memscope/kmod/uapi/memscope.h' &&
		grep -q '^#include \"uapi/memscope.h\"' '$D/usr/local/share/memscope/kmod/memscope.h'"
# What DKMS does with the installed sources: copy the tree to its build
# folder and run dkms.conf's MAKE[0] there, against headers of this machine.
KD=$(ls -d /usr/src/linux-headers-6.1.0-*-amd64 "/lib/modules/$(uname -r)/build" \
	2>/dev/null | while read -r d; do [ -f "$d/Makefile" ] && echo "$d"; done | tail -n 1)
if [ -n "$KD" ] && command -v bash >/dev/null; then
	mkdir -p "$tmp/dkms/memscope/1.0"
	cp -a "$D/usr/local/share/memscope/kmod" "$tmp/dkms/memscope/1.0/build"
	kernel_source_dir=$KD dkms_tree=$tmp/dkms bash -c '
		. "$dkms_tree/memscope/1.0/build/dkms.conf" && eval "${MAKE[0]}"' \
		> "$tmp/dkms.log" 2>&1
	ok "DKMS: the installed sources build with dkms.conf's MAKE against ${KD##*/}" \
		test -f "$tmp/dkms/memscope/1.0/build/memscope.ko"
	grep -q 'memscope.ko$' "$tmp/dkms.log" || tail -n 20 "$tmp/dkms.log"
else
	echo "# skipped the DKMS build: no kernel headers (make deps-lab)"
fi
ok "translations installed" test -f "$D/usr/local/share/locale/zh_CN/LC_MESSAGES/memscope.mo"
ok "binary mode 755" test "$(stat -c %a "$D/usr/local/bin/memscope")" = 755
ok "completion names the installed themes directory" \
	grep -qF '"/usr/local/share/memscope/themes"' "$D/usr/local/share/bash-completion/completions/memscope"

I=$D/usr/local/bin/memscope
ok "installed: the man page renders" sh -c "MANWIDTH=80 man -l '$D/usr/local/share/man/man1/memscope.1' 2>/dev/null | grep -q 'memscope - explore'"
ok "the unit runs the installed memscope" \
	grep -q '^ExecStart=/usr/local/bin/memscope record ' "$D/usr/local/lib/systemd/system/memscope-record.service"
ok "installed: --help" sh -c "cd / && '$I' --help | grep -q -- '--format'"
ok "installed: --version" sh -c "cd / && '$I' --version | grep -qx 'memscope $(cat VERSION)'"
( cd / && "$I" -b -n 1 --no-config --root "$R" > "$tmp/out" 2> "$tmp/err" )
ok "installed: -b -n 1 --root <fixture>" grep -q '^Buddy' "$tmp/out"
ok "installed: nothing on stderr" test ! -s "$tmp/err"
# batch mode names a theme it cannot find on stderr
theme_err() { ( cd / && env -u MEMSCOPE_THEMES "$1" -b -n 1 --no-config --theme "$2" --root "$R" 2>&1 >/dev/null ); }
ok "installed: finds --theme light in its share/memscope/themes" test -z "$(theme_err "$I" light)"
rm "$D/usr/local/share/memscope/themes/light.theme"
if [ ! -e /usr/local/share/memscope/themes/light.theme ]; then
	theme_err "$I" light > "$tmp/light.err"
	ok "installed: without it, light is not found (not from the source tree)" \
		grep -q 'theme light not found' "$tmp/light.err"
fi

$M uninstall DESTDIR="$D" > /dev/null 2>&1
ok "make uninstall leaves no file" test -z "$(find "$D" -type f)"

# PREFIX compiled in: a build for PREFIX finds the themes there even when
# the binary is started from somewhere else
mkdir -p "$tmp/b" "$tmp/elsewhere"
# the objects of build/ (not its asan, fuzz or lab builds) and the
# configuration they were built with, so only what PREFIX changes is rebuilt
( cd build && find . \( -path ./asan -o -path ./fuzz -o -path ./lab \) -prune \
	-o \( -name '*.o' -o -name '*.d' -o -name config -o -name libmemscope.a \) \
	-print0 | xargs -0 cp -a --parents -t "$tmp/b" )
$M BUILD="$tmp/b" PREFIX="$tmp/p" install > "$tmp/install2.log" 2>&1
ok "make install PREFIX=..." test -f "$tmp/p/share/memscope/themes/mono.theme" -a -x "$tmp/p/bin/memscope"
cp "$tmp/p/bin/memscope" "$tmp/elsewhere/memscope"
ok "PREFIX build, moved binary: finds --theme mono in PREFIX" test -z "$(theme_err "$tmp/elsewhere/memscope" mono)"
ok "the source tree's build still looks in /usr/local" sh -c "grep -q '^/usr/local/share/memscope ' build/datadir"
ok "installed completion completes the PREFIX's themes" bash -c "
	. '$tmp/p/share/bash-completion/completions/memscope'
	cd / && COMP_WORDS=('$tmp/elsewhere/memscope' --theme mo); COMP_CWORD=2; _memscope
	[ \"\${COMPREPLY[*]}\" = mono ]"
rm "$tmp/p/share/memscope/themes/mono.theme"
theme_err "$tmp/elsewhere/memscope" mono > "$tmp/mono.err"
ok "PREFIX build: without it, mono is not found" grep -q 'theme mono not found' "$tmp/mono.err"
finish
