# The man page (docs/memscope.1): groff and man render it without
# warnings; every option of `memscope --help` and every key of
# docs/keys.md and tui/help.c is an item of it, so an option or key added
# without documenting it here fails this suite.
. tests/lib.sh
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
PAGE=docs/memscope.1
PY=/usr/bin/python3

groff -man -Tutf8 -ww -z "$PAGE" > "$tmp/groff" 2>&1
ok "groff -man -Tutf8 -ww: no warnings" test ! -s "$tmp/groff"
cat "$tmp/groff"
if command -v man >/dev/null; then
	MANWIDTH=80 man --warnings -l "$PAGE" > "$tmp/man.txt" 2> "$tmp/man.err"
	ok "man --warnings -l: renders" grep -q 'memscope - explore' "$tmp/man.txt"
	ok "man --warnings -l: no warnings" test ! -s "$tmp/man.err"
	cat "$tmp/man.err"
fi
for s in NAME SYNOPSIS DESCRIPTION OPTIONS KEYS EXPERIMENTS FILES ENVIRONMENT "EXIT STATUS" EXAMPLES "SEE ALSO"; do
	ok "section $s" grep -qx ".SH \"\\{0,1\\}$s\"\\{0,1\\}" "$PAGE"
done
for v in NO_COLOR LANG XDG_CONFIG_HOME; do
	ok "ENVIRONMENT: $v" sh -c "sed -n '/^\.SH ENVIRONMENT/,/^\.SH /p' '$PAGE' | grep -q '^\.B.* $v'"
done
for f in config themes /proc/memscope; do
	ok "FILES: $f" sh -c "sed -n '/^\.SH FILES/,/^\.SH /p' '$PAGE' | grep -q '$f'"
done

# items SECTION: the tags of the .TP items of SECTION, one word per line
# (a tag "Tab, Shift-Tab" gives Tab and Shift-Tab; "1 .. 9" gives 1, 9)
cat > "$tmp/items.py" <<'PYEOF'
import re, shlex, sys
lines = open(sys.argv[1]).read().split("\n")
want = sys.argv[2]
inside, tag_next = False, False
for l in lines:
    if l.startswith(".SH"):
        inside = l[3:].strip().strip('"') == want
        continue
    if not inside:
        continue
    if l.startswith(".TP"):
        tag_next = True
        continue
    if tag_next:
        tag_next = False
        m = re.match(r"\.(B|I|BR|RB|BI|IB|IR|RI)\s+(.*)", l)
        text = l
        if m:
            args = shlex.split(m.group(2).replace("\\-", "-").replace("\\(", "("))
            text = ("" if len(m.group(1)) == 2 else " ").join(args)
        text = re.sub(r"\\f[BIRP]", "", text)
        for w in re.split(r", | \.\. | or |\s+(?=-)", text):
            w = w.strip()
            if w:
                print(w.split(" ")[0] if w.startswith("-") else w)
PYEOF
"$PY" "$tmp/items.py" "$PAGE" OPTIONS | sort -u > "$tmp/opts"
"$PY" "$tmp/items.py" "$PAGE" KEYS | sort -u > "$tmp/keys"
ok "OPTIONS has items" test "$(wc -l < "$tmp/opts")" -gt 20
ok "KEYS has items" test "$(wc -l < "$tmp/keys")" -gt 30

# every option of --help, long and short
"$MS" --help | grep -oE -- '(^|[ ,])--?[A-Za-z][a-z0-9-]*' | sed 's/^[ ,]*//' | sort -u > "$tmp/help"
ok "--help lists options" test "$(wc -l < "$tmp/help")" -gt 20
missing=$(comm -23 "$tmp/help" "$tmp/opts" | tr '\n' ' ')
ok "every option of --help is an OPTIONS item${missing:+ (missing: $missing)}" test -z "$missing"
extra=$(comm -13 "$tmp/help" "$tmp/opts" | tr '\n' ' ')
ok "no OPTIONS item that --help does not have${extra:+ ($extra)}" test -z "$extra"

# memscope experiment: every name and option of its --help
"$PY" "$tmp/items.py" "$PAGE" EXPERIMENTS | sort -u > "$tmp/exp"
{
	"$MS" experiment --help | grep -E '^ +-' | grep -oE -- '(^|[ ,])--?[A-Za-z][a-z0-9-]*' | sed 's/^[ ,]*//'
	"$MS" experiment --help | sed -n 's/^  \([a-z][a-z0-9]*\)  .*/\1/p'
} | sort -u > "$tmp/exphelp"
ok "experiment --help lists names and options" test "$(wc -l < "$tmp/exphelp")" -gt 5
missing=$(comm -23 "$tmp/exphelp" "$tmp/exp" | tr '\n' ' ')
ok "every experiment and its options are EXPERIMENTS items${missing:+ (missing: $missing)}" test -z "$missing"
ok "SYNOPSIS: memscope experiment" grep -q '^\.B memscope experiment$' "$PAGE"

# every key: the first column of docs/keys.md's tables, and the key
# entries of tui/help.c (up to its column legends)
{
	grep '^| `' docs/keys.md | cut -d'|' -f2 | grep -o '`[^`]*`' | tr -d '`'
	sed -n '/{ NULL, "Everywhere" }/,/{ NULL, "Buddy columns" }/p' tui/help.c |
		sed -n 's/^[[:space:]]*{ "\([^"][^"]*\)", .*/\1/p' |
		sed 's/ ([A-Za-z ,]*)$//; s/, /\n/g; s/ \.\. /\n/g'
} | grep -v '^$' | sort -u > "$tmp/allkeys"
ok "keys found in keys.md and help.c" test "$(wc -l < "$tmp/allkeys")" -gt 30
missing=$(comm -23 "$tmp/allkeys" "$tmp/keys" | tr '\n' ' ')
ok "every key of docs/keys.md and tui/help.c is a KEYS item${missing:+ (missing: $missing)}" test -z "$missing"
finish
