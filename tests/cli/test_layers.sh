#!/bin/sh
# The layers of docs/architecture.md hold in the code: every project
# include of every folder is one its layer may make. A new folder needs a
# line here, so the picture and the code cannot drift apart unseen.
cd "$(dirname "$0")/../.." || exit 2
. tests/lib.sh

# may "FIND-ARGS" LAYERS...: the C files find FIND-ARGS lists include only
# the layers named (a folder, or one header such as app/session.h)
may() {
	where=$1; shift
	pat=""
	for l in "$@"; do
		case $l in
		*.h) pat="$pat|$l\"" ;;
		*) pat="$pat|$l/" ;;
		esac
	done
	# FIND-ARGS is meant to split, its patterns not to expand
	set -f
	bad=$(find $where \( -name '*.c' -o -name '*.h' \) -print |
		xargs grep -nE '^#include "[a-z_]+/' /dev/null |
		grep -vE "#include \"(${pat#|})" || true)
	set +f
	if [ -z "$bad" ]; then
		T_PASS=$((T_PASS + 1)); echo "ok   - $where: $*"
	else
		T_FAIL=$((T_FAIL + 1)); echo "FAIL - $where: $*"
		echo "$bad" | sed 's/^/       /'
	fi
}

# the plain data of every area: nothing else of the project
may model model
# the backends fill the model; the replay backend reads recordings with
# the codec (store/), the one way back that a backend needs
may "probes -not -path probes/replay/*" model probes kmod/uapi
may probes/replay model probes store
# the codec and recordings, text and OpenMetrics: the model only
may store model store
may out model out
# the explorer draws the model it gets from the session
may tui model tui app/session.h app/opts.h app/config.h
# experiments run workloads and read through the probes
# (an experiment is an application of its own: it runs the session)
may exp model probes exp app/opts.h app/session.h kmod/uapi

# every folder with C in it is named above (or is the application, the
# module or the tests, which may include anything)
for d in $(find . -name '*.[ch]' -not -path './build/*' -not -path './.git/*' |
	cut -d/ -f2 | sort -u); do
	case $d in
	model | probes | store | out | tui | exp | app | kmod | tests) ;;
	*) T_FAIL=$((T_FAIL + 1)); echo "FAIL - folder $d has no layer rule" ;;
	esac
done
# only main knows the explorer
bad=$(grep -rlE '#include "tui/' app --include='*.c' --include='*.h' |
	grep -v '^app/main.c$' || true)
if [ -z "$bad" ]; then
	T_PASS=$((T_PASS + 1)); echo "ok   - only app/main.c includes tui/"
else
	T_FAIL=$((T_FAIL + 1)); echo "FAIL - only app/main.c includes tui/: $bad"
fi
finish
