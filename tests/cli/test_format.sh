#!/bin/sh
# Every C file the project keeps is in the kernel style of .clang-format
# (make format-check); `make format` mends what this finds. And the
# translators' template is a catalog gettext reads (entries appended by
# hand lost their msgstr once).
. tests/lib.sh
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
ok "clang-format is installed (deps.sh check)" command -v clang-format
make -s --no-print-directory format-check >"$tmp" 2>&1
n=$(grep -c 'error: code should be clang-formatted' "$tmp")
ok "every C file is clang-formatted ($n places drift; make format)" \
	test "$n" -eq 0
grep 'error: code should be clang-formatted' "$tmp" | cut -d: -f1 |
	sort -u | head -n 20 | sed 's/^/       /'
ok "po/memscope.pot is a valid catalog (msgfmt --check)" \
	sh -c "msgfmt --check -o /dev/null po/memscope.pot 2>&1 | grep -v 'header field' | grep -q . && exit 1 || exit 0"
finish
