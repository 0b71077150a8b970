# Bash completion (completion/memscope.bash): sourced in bash, the
# completion function called with COMP_WORDS/COMP_CWORD, COMPREPLY checked.
. tests/lib.sh
command -v bash >/dev/null || { echo "bash missing"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
R=$FIX/debian12-6.18

# comp WORDS...: the sorted COMPREPLY for the last word (the one completed)
comp() {
	bash -c '. completion/memscope.bash
		COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
		_memscope; printf "%s\n" "${COMPREPLY[@]}" | sort' comp "$@"
}
# has "WANT" WORDS...: WANT (one per line) is exactly the completion
has() { want=$1; shift; [ "$(comp "$@")" = "$(printf '%b' "$want")" ]; }
# offers WORD WORDS...: WORD is one of the completions
offers() { w=$1; shift; comp "$@" | grep -qxF -- "$w"; }

ok "registered for memscope" bash -c '. completion/memscope.bash; complete -p memscope | grep -q _memscope'
ok "--th completes to --theme" has '--theme' "$MS" --th
ok "--for completes to --format" has '--format' "$MS" --for
ok "--fo offers --folios and --format" has '--folios\n--format' "$MS" --fo
ok "every long option of --help is offered" sh -c "
	'$MS' --help | grep -E '^ +-' | grep -o -- '--[a-z][a-z-]*' | sort -u > '$tmp/help'
	bash -c '. completion/memscope.bash; COMP_WORDS=($MS --); COMP_CWORD=1; _memscope; printf \"%s\n\" \"\${COMPREPLY[@]}\"' | sort -u > '$tmp/comp'
	cmp -s '$tmp/help' '$tmp/comp'"
ok "short options too" offers -b "$MS" -
ok "--tab values" has 'all\nbuddy\ncgroup\ndamon\nmemory\nnuma\nreclaim\nslab\nvma' "$MS" --tab ''
ok "--tab s" has 'slab' "$MS" -b --tab s
ok "--damon pa: paddr" has 'paddr' "$MS" -b --damon pa
ok "--format values" has 'json\nopenmetrics\nprometheus\ntext' "$MS" -b --format ''
ok "--format=o (one word)" has 'openmetrics' "$MS" -b --format=o
ok "--format = o (split at =)" has 'openmetrics' "$MS" -b --format = o
ok "--serve: a port, loopback, every address" has '0.0.0.0:9477\n127.0.0.1:9477\n9477' "$MS" --serve ''
ok "--theme names from the themes directory" has "$(ls themes/*.theme | sed 's|.*/||; s|\.theme$||' | sort | sed 's/$/\\n/' | tr -d '\n' | sed 's/\\n$//')" "$MS" --theme ''
ok "--theme d" has 'default' "$MS" --theme d
mkdir -p "$tmp/th" && : > "$tmp/th/mine.theme"
ok "--theme names from \$MEMSCOPE_THEMES" sh -c "MEMSCOPE_THEMES='$tmp/th' bash -c '. completion/memscope.bash; COMP_WORDS=($MS --theme mi); COMP_CWORD=2; _memscope; [ \"\${COMPREPLY[*]}\" = mine ]'"
ok "--theme with a / completes files" has "$tmp/th/mine.theme" "$MS" --theme "$tmp/th/m"
mkdir -p "$tmp/dirA" "$tmp/dirB" && : > "$tmp/fileA"
ok "--root completes directories only" has "$tmp/dirA\\n$tmp/dirB" "$MS" --root "$tmp/d"
no "--root offers no plain files" offers "$tmp/fileA" "$MS" --root "$tmp/f"
ok "--capture completes directories" has "$tmp/dirB" "$MS" --capture "$tmp/dirB"
ok "--pid from the --root tree" has '9080\n9081' "$MS" -b --root "$R" --pid 9
ok "--cache from the --root tree's slabinfo" offers ext4_inode_cache "$MS" -b --root "$R" --tab slab --cache ext4
no "-n takes a number: nothing offered" offers "$tmp" "$MS" -b -n ''
no "nothing after a plain word" offers --batch "$MS" -b x
ok "a first word: the experiment subcommand" has 'experiment' "$MS" ex
ok "a first word: the record subcommand" has 'record' "$MS" rec
ok "record options" has '--max-size' "$MS" record --max
ok "record: --dir completes directories" has "$tmp/dirA\n$tmp/dirB" "$MS" record --dir "$tmp/d"
ok "--replay completes files and directories" offers "$tmp/dirA" "$MS" --replay "$tmp/d"
ok "experiment names" has "$("$MS" experiment --help | sed -n 's/^  \([a-z][a-z0-9]*\)  .*/\1/p' | sort | sed 's/$/\\n/' | tr -d '\n' | sed 's/\\n$//')" "$MS" experiment ''
ok "experiment: fr -> frag" has 'frag' "$MS" experiment fr
ok "experiment options" has '--out' "$MS" experiment frag --o
ok "experiment: --out completes directories" has "$tmp/dirA\n$tmp/dirB" "$MS" experiment frag --out "$tmp/d"
no "experiment: the explorer's options are not offered" offers --tab "$MS" experiment frag --t
ok "after other options no subcommand is offered" test -z "$(comp "$MS" -b '')"

# a FILE option (--record, --replay) completes files: whichever exist now
for o in $("$MS" --help | sed -n 's/^ *\(--[a-z-]*\) FILE.*/\1/p'); do
	ok "$o completes files" has "$tmp/fileA" "$MS" "$o" "$tmp/fi"
done
finish
