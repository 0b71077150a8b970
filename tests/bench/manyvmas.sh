# Sourced by the VMA benchmarks: start_manyvmas N OUT starts the workload
# (manyvmas.c, built into $out) with N VMAs, sets wpid, kills it on exit,
# and returns once it is ready.
start_manyvmas() {
	"$out/manyvmas" "$1" > "$2" &
	wpid=$!
	trap 'kill $wpid 2>/dev/null' EXIT
	trap 'exit 1' INT TERM
	i=0
	until grep -q ready "$2" 2>/dev/null; do
		i=$((i + 1))
		kill -0 $wpid 2>/dev/null && [ $i -lt 300 ] || {
			echo "$0: the workload did not start" >&2; exit 1; }
		sleep 0.1
	done
}
