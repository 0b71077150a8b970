# bash completion for memscope: its options (read from `memscope --help`,
# so new options complete without an edit here) and their values.
# Installed as share/bash-completion/completions/memscope.

# "SHORT LONG ARG" per option of --help (of subcommand $2 when given);
# "-" where there is none.
_memscope_opts()
{
	"$1" ${2:+"$2"} --help 2>/dev/null | sed -n \
		-e 's/^ \{1,\}\(-[A-Za-z]\), \(--[a-z][a-z0-9-]*\) \([A-Z][A-Z,]*\).*/\1 \2 \3/p;t' \
		-e 's/^ \{1,\}\(-[A-Za-z]\), \(--[a-z][a-z0-9-]*\).*/\1 \2 -/p;t' \
		-e 's/^ \{1,\}\(--[a-z][a-z0-9-]*\) \([A-Z][A-Z,]*\).*/- \1 \2/p;t' \
		-e 's/^ \{1,\}\(--[a-z][a-z0-9-]*\).*/- \1 -/p'
}

# Theme names in the directories memscope looks in (tui/theme.c).
_memscope_themes()
{
	local prog bin d f
	prog=$(type -P "$1" 2>/dev/null) || prog=$1
	bin=$(dirname "$(readlink -f "$prog" 2>/dev/null || echo "$prog")")
	for d in "${MEMSCOPE_THEMES:-}" themes "$bin/themes" "$bin/../themes" \
		"$bin/../../themes" "$bin/../share/memscope/themes" \
		"@DATADIR@/themes"; do
		[ -n "$d" ] && [ -d "$d" ] || continue
		for f in "$d"/*.theme; do
			[ -e "$f" ] || continue
			f=${f##*/}
			printf '%s\n' "${f%.theme}"
		done
	done | sort -u
}

# The tree after --root on the command line, or the live system.
_memscope_root()
{
	local i
	for ((i = 1; i < COMP_CWORD; i++)); do
		case ${COMP_WORDS[i]} in
		--root) printf '%s' "${COMP_WORDS[i + 1]}"; return ;;
		--root=*) printf '%s' "${COMP_WORDS[i]#--root=}"; return ;;
		esac
	done
}

# The names `memscope experiment --help` lists (two-space indented words).
_memscope_experiments()
{
	"$1" experiment --help 2>/dev/null |
		sed -n 's/^  \([a-z][a-z0-9]*\)  .*/\1/p'
}

_memscope()
{
	local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}
	local prog=${COMP_WORDS[0]} opts arg root long sub=
	case ${COMP_WORDS[1]:-} in
	experiment | record) [ "$COMP_CWORD" -gt 1 ] && sub=${COMP_WORDS[1]} ;;
	esac
	opts=$(_memscope_opts "$prog" $sub)
	COMPREPLY=()
	if [[ $cur != -* ]]; then
		# memscope experiment NAME, memscope record
		if [ "$COMP_CWORD" = 1 ]; then
			COMPREPLY=($(compgen -W "experiment record" -- "$cur"))
			return
		elif [ "$sub" = experiment ] && [ "$COMP_CWORD" = 2 ]; then
			COMPREPLY=($(compgen -W "$(_memscope_experiments "$prog")" \
				-- "$cur"))
			return
		fi
	fi

	# --opt=value: one word, or three when COMP_WORDBREAKS splits at =
	if [[ $cur == --*=* ]]; then
		prev=${cur%%=*}
		cur=${cur#*=}
	elif [ "$prev" = = ] && [ "$COMP_CWORD" -ge 2 ]; then
		prev=${COMP_WORDS[COMP_CWORD - 2]}
	elif [ "$cur" = = ]; then
		cur=
	elif [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "$(awk '{ print $2 } $1 != "-" { print $1 }' \
			<<<"$opts")" -- "$cur"))
		return
	fi
	read -r _ long arg < <(awk -v o="$prev" '$1 == o || $2 == o' <<<"$opts")
	[ -n "$long" ] && [ "$arg" != - ] || return
	root=$(_memscope_root)
	case $long in
	--tab)
		COMPREPLY=($(compgen -W "buddy slab vma reclaim numa memory cgroup damon all" -- "$cur")) ;;
	--format)
		COMPREPLY=($(compgen -W "text json openmetrics prometheus" -- "$cur")) ;;
	--serve)
		# a port alone listens on loopback only (docs/fleet.md)
		COMPREPLY=($(compgen -W "9477 127.0.0.1:9477 0.0.0.0:9477" -- "$cur")) ;;
	--theme)
		if [[ $cur == */* ]]; then
			compopt -o filenames 2>/dev/null
			COMPREPLY=($(compgen -f -- "$cur"))
		else
			COMPREPLY=($(compgen -W "$(_memscope_themes "$prog")" -- "$cur"))
		fi ;;
	--pid)
		COMPREPLY=($(compgen -W "$(cd "$root/proc" 2>/dev/null &&
			ls -d [0-9]* 2>/dev/null)" -- "$cur")) ;;
	--damon)
		COMPREPLY=($(compgen -W "paddr $(cd /proc 2>/dev/null &&
			ls -d [0-9]* 2>/dev/null)" -- "$cur")) ;;
	--cache)
		COMPREPLY=($(compgen -W "$(awk 'NR > 2 { print $1 }' \
			"$root/proc/slabinfo" 2>/dev/null)" -- "$cur")) ;;
	*)
		case $arg in
		DIR)
			compopt -o filenames 2>/dev/null
			COMPREPLY=($(compgen -d -- "$cur")) ;;
		FILE | PATH)
			compopt -o filenames 2>/dev/null
			COMPREPLY=($(compgen -f -- "$cur")) ;;
		T)
			COMPREPLY=($(compgen -W "-1h -30m now" -- "$cur")) ;;
		esac ;;
	esac
}
complete -F _memscope memscope
