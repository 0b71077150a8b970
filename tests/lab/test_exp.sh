#!/bin/sh
# The experiments suite (make check): a short run of every `memscope
# experiment` in the lab VM (exp-vm.sh quick), then checks that the outputs
# exist, parse and move the expected way. Closes with "N passed, N failed".
cd "$(dirname "$0")/../.." || exit 2
. tests/lib.sh
LAB=${LAB:-build/lab}
OUT=tests/lab/out/exp-test
EXPS=${EXPS:-frag,slab,mglru}

# csv_ok FILE: a header and at least one row, every row as wide as it
csv_ok() {
	awk -F, 'NR == 1 { n = NF; next }
		 NF != n || /^$/ { bad = 1 }
		 END { exit bad || NR < 2 }' "$1"
}

# sum FILE KEY: a value of summary.csv
sum() {
	awk -F, -v k="$2" '$1 == k { print $2 }' "$1"
}

png_ok() {
	[ "$(head -c 4 "$1" | od -An -c | tr -d ' ')" = "211PNG" ]
}

outputs() { # DIR FILES...: report, plot script, PNGs and CSVs
	d=$OUT/$1
	shift
	ok "$d: report.md and plot.gp" test -s "$d/report.md" -a -s "$d/plot.gp"
	for f in "$@"; do
		case $f in
		*.png) ok "$d/$f is a PNG" png_ok "$d/$f" ;;
		*.csv) ok "$d/$f parses (rows as wide as the header)" \
			csv_ok "$d/$f" ;;
		esac
	done
}

frag() {
	s=$OUT/frag/summary.csv
	outputs frag frag-zones.csv frag-buddy.csv frag-probe.csv \
		frag-vmstat.csv summary.csv frag-largest.png frag-probe.png \
		frag-activity.png
	ok "frag: at least 2 fragmenting steps ($(sum $s steps))" \
		test "$(sum $s steps)" -ge 2
	ok "frag: the allocation probe of memscope.ko answered" \
		test "$(sum $s probe)" = 1
	ok "frag: the largest free order did not grow while fragmenting" \
		test "$(sum $s nonincreasing)" = 1
	ok "frag: the fragmentation is real (main zone's largest free order $(sum $s largest_fragmented) < pageblock order $(sum $s pageblock_order), or order-9 probe success $(sum $s ok9_start)% -> $(sum $s ok9_fragmented)%)" \
		test "$(sum $s fragmented)" = 1
	ok "frag: freeing the pins, compaction rebuilt blocks of order >= 9 (unusable(9) $(sum $s unusable_compacted) -> $(sum $s unusable_unpinned))" \
		test "$(sum $s unpin_rebuilt)" = 1
	ok "frag: the unusable index at order 9 rose ($(sum $s unusable_start) to $(sum $s unusable_fragmented))" \
		test "$(sum $s unusable_rising)" = 1
	if [ "$(sum $s compaction_raised)" = 1 ]; then
		ok "frag: compaction raised the largest free order" true
	else
		ok "frag: the report says compaction could not raise it" \
			grep -q "Compaction could not raise" $OUT/frag/report.md
	fi
	# kpageflags: blocks every page of which is free or movable
	ok "frag: blocks that could become order-9 fell while fragmenting ($(sum $s order9_start) -> $(sum $s order9_fragmented))" \
		test "$(sum $s order9_falling)" = 1
	ok "frag: and rose after unpinning and compaction ($(sum $s order9_compacted) with the pins, $(sum $s order9_unpinned) after)" \
		test "$(sum $s order9_rising)" = 1
	ok "frag: a row per zone and step in frag-zones.csv" test \
		"$(($(wc -l <$OUT/frag/frag-zones.csv) - 1))" -ge 4
	frag_map
}

# blocks PHASE CLASS: the main zone's blocks of that class in the map of
# PHASE's last step (frag-map.dat: "# step N PHASE: ...", "x y class")
blocks() {
	awk -v ph="$1" -v cl="$2" '
		/^# classes:/ { for (i = 3; i <= NF; i++) {
			split($i, kv, "="); id[kv[1]] = kv[2] } }
		/^# step / { cur = ($4 == ph ":"); if (cur) n = 0 }
		cur && NF == 3 && $3 == id[cl] { n++ }
		END { print n + 0 }' $OUT/frag/frag-map.dat
}

# The map pictures: one per step, and what they show moves the way the
# run went (baseline, fill, punch, unpin+cmp)
frag_map() {
	bad=0
	for st in $(awk -F, 'NR > 1 { print $1 }' $OUT/frag/frag-zones.csv |
		sort -un); do
		png_ok "$OUT/frag/frag-map-$st.png" || bad=1
		grep -q "(frag-map-$st.png)" $OUT/frag/report.md || bad=1
	done
	ok "frag: a map picture of every step, in the report" test $bad = 0
	a0=$(blocks baseline anon) a1=$(blocks fill anon)
	ok "frag: the map fills with anonymous blocks ($a0 -> $a1)" \
		test "$a1" -gt "$a0"
	s0=$(blocks baseline free_split) s1=$(blocks punch free_split)
	ok "frag: punching splits free blocks ($s0 -> $s1 free, split)" \
		test "$s1" -gt "$s0"
	w1=$(blocks punch free) w2=$(blocks unpin+cmp free)
	ok "frag: unpinned and compacted, whole free blocks again ($w1 -> $w2)" \
		test "$w2" -gt "$w1"
}

slab() {
	s=$OUT/slab/summary.csv
	outputs slab slab-runs.csv slab-summary.csv summary.csv slab-ops.png \
		slab-p99.png
	ok "slab: every allocation succeeded" test "$(sum $s all_ok)" = 1
	ok "slab: a spread over >= 2 runs per size and API" \
		test "$(sum $s spread)" = 1
	ok "slab: kmem_cache and kmalloc ops/s present, > 0" awk -F, '
		NR > 1 && $5 == "alloc" { n[$4]++; if (!($7 > 0)) bad = 1 }
		END { exit bad || !n["kmem_cache"] || !n["kmalloc"] }' \
		$OUT/slab/slab-summary.csv
	ok "slab: the report has the table" \
		grep -q '^| 64 | .* | alloc |' $OUT/slab/report.md
}

mglru() {
	s=$OUT/mglru/summary.csv
	outputs mglru mglru-phases.csv mglru-latency.csv summary.csv \
		mglru-latency.png mglru-counters.png
	for w in filescan anon; do
		ok "mglru: $w ran with MGLRU off and on" test \
			"$(sum $s ${w}_off)" -ge 1 -a "$(sum $s ${w}_on)" -ge 1
	done
	ok "mglru: every phase reclaimed pages (pressure)" \
		test "$(sum $s pressure)" = 1
	ok "mglru: the probe workload ran in every phase" \
		test "$(sum $s probes)" = 1
	ok "mglru: lru_gen really was switched (off 0x0000, on 0x0007)" awk -F, '
		NR > 1 && $2 == "off" && $3 != "0x0000" { bad = 1 }
		NR > 1 && $2 == "on" && $3 !~ /^0x000[1-7]$/ { bad = 1 }
		END { exit bad || NR < 5 }' $OUT/mglru/mglru-phases.csv
}

guest() {
	t0=$(date +%s)
	EXPS=$EXPS EXP_NODES_MB=${EXP_NODES_MB:-512} \
		EXP_TIMEOUT=${EXP_TIMEOUT:-300} sh tests/lab/exp-vm.sh $OUT quick
	rc=$?
	echo "exp: the VM ran $(($(date +%s) - t0)) s, status $rc"
	ok "lab VM: every experiment finished (status $rc)" test $rc -eq 0
	res=tests/lab/out/exp-1
	ok "lab VM: every setting the experiments changed was put back" \
		cmp "$res/settings-before" "$res/settings-after"
	grep -a '^exp: .* status' "$res/run.log"
	for x in frag mglru; do
		case ",$EXPS," in *,$x,*) interrupted $x ;; esac
	done
}

# SIGINT in the middle of a run (exp-run.sh, once the run has reported a
# step with more after it): status 1, the settings of before, no memscope
# process left, a report that says so.
interrupted() {
	res=tests/lab/out/exp-1
	ok "$1: SIGINT sent when the run reported its step" \
		grep -q "^exp: $1 SIGINT at: $1: step [0-9]*/[0-9]*: " "$res/run.log"
	ok "$1: SIGINT ends the run with status 1" \
		grep -q "^exp: $1 interrupted after .* status 1\$" "$res/run.log"
	ok "$1: after SIGINT every setting is back" \
		cmp "$res/settings-before" "$res/settings-int-$1"
	ok "$1: after SIGINT no memscope process is left" \
		test "$(cat "$res/int-$1.left")" = 0
	ok "$1: after SIGINT the report says it was interrupted" \
		grep -q 'did not finish: interrupted' "$res/int-$1/report.md"
	case $1 in
	frag)
		# the signal came after the fill steps, before the last compaction
		ok "frag: the interrupted run had filled and stopped before unpin" \
			awk -F, '$2 == "fill" { f = 1 } $2 == "unpin+cmp" { u = 1 }
				 END { exit !f || u }' "$res/int-frag/frag-zones.csv" ;;
	mglru)
		no "mglru: after SIGINT no cgroup is left" \
			grep -q 'cgroup memscope-exp left' "$res/run.log"
		# fewer phases than the whole quick run's, at least the first
		n=$(($(cat "$res/int-mglru/mglru-phases.csv" | wc -l) - 1))
		all=$(($(cat "$OUT/mglru/mglru-phases.csv" | wc -l) - 1))
		ok "mglru: the interrupted run ended mid-way ($n phases of $all)" \
			test "$n" -ge 1 -a "$n" -lt "$all" ;;
	esac
}

# On the host (never the lab VM): refused without the flag, nothing written.
host() {
	d=$(mktemp -d)
	case $MS in /*) ms=$MS ;; *) ms=$(pwd)/$MS ;; esac
	(cd "$d" && "$ms" experiment frag >out 2>err)
	rc=$?
	ok "host: experiment frag refused outside the lab VM (status $rc)" \
		test $rc -eq 1
	ok "host: the refusal names --i-know-this-stresses-memory" \
		grep -q -- '--i-know-this-stresses-memory' "$d/err"
	ok "host: a refused run writes nothing" test ! -e "$d/experiment-frag"
	"$MS" experiment "$(printf 'no\033[31m')" 2>"$d/err"
	rc=$?
	ok "host: an unknown experiment is a usage error (status $rc)" \
		test $rc -eq 2
	ok "host: its name is shown escaped" grep -q 'no\\x1b\[31m' "$d/err"
	ok "host: experiment --help lists frag, slab and mglru" sh -c \
		"$MS experiment --help | grep -c '^  \(frag\|slab\|mglru\) ' | grep -qx 3"
	rm -rf "$d"
}

host
if ${MAKE:-make} --no-print-directory lab-build >/dev/null 2>&1; then
	ok "make lab-build" true
	guest
	case ",$EXPS," in *,frag,*) frag ;; esac
	case ",$EXPS," in *,slab,*) slab ;; esac
	case ",$EXPS," in *,mglru,*) mglru ;; esac
else
	no "make lab-build" true
fi
finish
