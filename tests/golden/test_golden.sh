#!/bin/sh
# Golden outputs: batch JSON, text and OpenMetrics of every fixture tree,
# and the replay of a committed recording, must stay byte for byte what
# tests/golden/out/ holds (the sample's time aside). A change that alters
# an output regenerates them with `sh tests/golden/test_golden.sh --update`
# and says in its commit why each difference is right.
cd "$(dirname "$0")/../.." || exit 2
. tests/lib.sh
G=tests/golden/out
REC=tests/golden/recording.zst
# every event field filled (test_replay.c's fill_core and fill_live
# snapshots as ms_out_json wrote them, then the events alone)
EVREC=tests/golden/events.zst
update=0
[ "${1:-}" = "--update" ] && update=1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# the text output prints OOM kill times in local time
TZ=UTC0
export TZ

# the only parts that differ between two runs: when the sample was taken
norm() {
	sed -E -e 's/"timestamp":[0-9.e+-]+/"timestamp":0/' \
		-e '1s/^memscope [0-9-]+ [0-9:]+ /memscope DATE TIME /' \
		-e 's/^(memscope_sample_timestamp_seconds) .*/\1 0/'
}

# golden NAME memscope-args...: run, normalise, compare or write
golden() {
	name=$1; shift
	"$MS" "$@" >"$tmp/raw" 2>"$tmp/err"
	echo "exit $?" >>"$tmp/err"
	norm <"$tmp/raw" >"$tmp/out"
	cat "$tmp/err" >>"$tmp/out"
	if [ $update -eq 1 ]; then
		mkdir -p "$(dirname "$G/$name")"
		cp "$tmp/out" "$G/$name"
	fi
	if cmp -s "$tmp/out" "$G/$name"; then
		T_PASS=$((T_PASS + 1)); echo "ok   - golden $name"
	else
		T_FAIL=$((T_FAIL + 1)); echo "FAIL - golden $name"
		# one JSON value a line, so a changed field shows, not a
		# whole sample
		tr ',' '\n' <"$G/$name" >"$tmp/want" 2>/dev/null
		tr ',' '\n' <"$tmp/out" >"$tmp/got"
		diff "$tmp/want" "$tmp/got" | cut -c 1-200 | head -n 20
	fi
}

for d in "$FIX"/*/; do
	t=$(basename "$d")
	[ -d "$d/proc" ] || [ -d "$d/sys" ] || continue
	for f in json text openmetrics; do
		golden "$t/all.$f" -b -n 1 --root "$d" --format "$f"
	done
done
# the process and cache drill-downs of the real trees
for t in debian12-6.18 debian-6.1-2node debian-6.12-2node; do
	pid=$(ls "$FIX/$t"/proc/*/smaps | sed -E 's|.*/proc/([0-9]+)/smaps|\1|' |
		sort -n | head -n 1)
	for f in json text; do
		golden "$t/vma.$f" -b -n 1 --root "$FIX/$t" --tab vma \
			--pid "$pid" --format "$f"
		golden "$t/cache.$f" -b -n 1 --root "$FIX/$t" --tab slab \
			--cache dentry --format "$f"
	done
done
# each VMA's memory by folio size (root: the synthetic pagemap and flags)
for f in json text; do
	golden "folio-synth/vma.$f" -b -n 1 --root "$FIX/folio-synth" \
		--tab vma --pid 4242 --folios --format "$f"
done
# the memory area with its census (root: the synthetic page flags)
for f in json text openmetrics; do
	golden "census-synth/memory.$f" -b -n 1 --root "$FIX/census-synth" \
		--tab memory --format "$f"
done
# the physical memory map of the same page flags
for f in json text openmetrics; do
	golden "census-synth/physmap.$f" -b -n 1 --root "$FIX/census-synth" \
		--tab buddy --physmap --format "$f"
done
# the map with memscope.ko's migrate type per block (lab captures)
for t in kmod-6.1-pageblocks kmod-6.12-pageblocks; do
	for f in json text; do
		golden "$t/physmap.$f" -b -n 1 --root "$FIX/$t" --tab buddy \
			--physmap --format "$f"
	done
done
# attribution from a hand-made /proc/allocinfo (format 2.0)
for f in json text openmetrics; do
	golden "edge-attrib-allocinfo/attribution.$f" -b -n 1 \
		--root "$FIX/edge-attrib-allocinfo" --tab memory --attribution \
		--format "$f"
done
# the cgroups' OpenMetrics with --top 2: two cgroups, the rest in "other"
golden "edge-cgroup-v2/top2.openmetrics" -b -n 1 \
	--root "$FIX/edge-cgroup-v2" --tab cgroup --format openmetrics --top 2
# 1,000 nested cgroups, the deepest path longer than PATH_MAX: a tree too
# deep for git to check out, made by tests/fixtures/cgroup-synth.py; its
# outputs (a thousand paths up to 6,000 bytes) kept compressed
deep=$tmp/edge-cgroup-deep
python3 "$FIX/cgroup-synth.py" deep 1000 "$deep" || exit 2
for f in json text openmetrics; do
	name=edge-cgroup-deep/cgroup.$f
	mkdir -p "$tmp/g/edge-cgroup-deep"
	[ $update -eq 1 ] || zstd -dcq "$G/$name.zst" > "$tmp/g/$name"
	G0=$G G=$tmp/g
	golden "$name" -b -n 1 --root "$deep" --tab cgroup --format "$f"
	G=$G0
	[ $update -eq 1 ] && mkdir -p "$G/edge-cgroup-deep" &&
		zstd -19 -qf "$tmp/g/$name" -o "$G/$name.zst"
done
rm -rf "$deep"
# a live recording (every section, BPF events, taskstats delays) replayed
for f in json text openmetrics; do
	golden "replay.$f" -b --replay "$REC" --format "$f"
	golden "events.$f" -b --replay "$EVREC" --format "$f"
done
finish
