# Not available is never a number on screen (issue 12 item 5): a replayed
# recording whose counts are null (a damaged or hand-made one) shows '-' on
# the Memory tab's census, call-site and files screens and a cgroup's PSI
# line at 80x24, not 18446744073709551615, -1 or 0.0%. The recording is made here from
# the fixture trees' batch JSON, the census and call sites added by hand.
. tests/lib.sh
. tests/tui/lib.sh
command -v jq >/dev/null || { echo "jq missing"; exit 1; }
command -v zstd >/dev/null || { echo "zstd missing"; exit 1; }
tmp=$(mktemp -d)
trap 'tui_cleanup; rm -rf "$tmp"' EXIT

"$MS" -b --json -n 1 --root $FIX/edge-cgroup-v2 >"$tmp/cg.json" 2>/dev/null
"$MS" -b --json -n 1 --root $FIX/debian12-6.18 >"$tmp/d.json" 2>/dev/null
jq -c --slurpfile cg "$tmp/cg.json" '
 .sources.census = "procfs" | .sources.attribution = "bpf" |
 .sources.cgroup = "procfs" | .sources.pagecache_files = "procfs" |
 .memory.files_method = "cachestat" | .memory.files_found = null |
 .memory.files_measured = null | .memory.files_cached_kb = null |
 .memory.files = [{ path: "/usr/lib/a_file", cached_kb: 4096,
   holders: null, pid: null, comm: "" }] |
 .cgroups = ($cg[0].cgroups | map(.psi.some.total = null)) |
 .memory.census = { complete: false, passes: null, progress: 0.5,
   pages: null, kinds: { free: null, anon: 12 }, thp: null, nozone: null,
   checks: [{ what: "free", node: null, zone: null, census: null,
     counter_lo: null, counter_hi: null, tolerance: null, off: null,
     ok: true, why: "" }] } |
 .memory.attribution_source = "bpf" | .memory.attribution_kb = 1024 |
 .memory.attribution_sites = null | .memory.attribution_since_s = 3 |
 .memory.attribution = [{ site: "a_site+0x1", kb: 1024, calls: null,
   kb_per_s: 0, inaccurate: false, stack: "a_site+0x1" }]' \
	"$tmp/d.json" >"$tmp/s.json"
t=$(jq .timestamp "$tmp/s.json")
{
	echo "{\"memscope_recording\":1,\"memscope_version\":\"0\",\"kernel\":\"6.18\",\"start\":$t,\"interval_s\":1.0,\"frame_samples\":16}"
	cat "$tmp/s.json"
	jq -c '.timestamp += 1' "$tmp/s.json"
} | zstd -q -o "$tmp/na.zst"

# nonum: no 2^64 - 1 and no -1 on the screen
nonum() {
	! tmux capture-pane -p -t $S | grep -q -e 18446744073709551615 \
		-e '[ (]-1[ )]'
}

session 80 24 "$MS --replay $tmp/na.zst --tab memory; sleep 60"
keys p End Enter
ok "census screen" wait_for "The census of every page"
ok "call sites: a null count of sites is -" \
	wait_for "allocated and not freed by - sites"
ok "call sites: a site's null calls are -" \
	wait_re '^ +1.0M +0/s +- a_site\+0x1'
ok "census: null pages counted" wait_for "pass under way: - pages counted"
ok "census: null passes" wait_for ", - passes done"
ok "census: null THP pages" wait_for "large folios: - pages"
ok "census: a kind's null pages" wait_re '^  free +- +-'
ok "census screen: no 2^64 - 1" nonum
keys End
ok "census: a check's null counts" wait_for "census -, counter -..-"
ok "census screen's end: no 2^64 - 1" nonum

keys Escape Home / f i l e _ a c t Enter
wait_re "^ +file_active "
keys Enter
ok "files screen" wait_for "Page cache: the files holding it"
ok "files: null counts and coverage are -" \
	wait_for "  - files open or mapped, - measured: - cached of Cached"
ok "files: a null coverage is no 0.0%" sh -c \
	"tmux capture-pane -p -t $S | grep -q 'of Cached [^ ]* (-)'"
ok "files: a file's null holders are -" wait_re '^ +4.0M .* - /usr/lib/a_file'
ok "files screen: no 2^64 - 1" nonum

keys 7
wait_for "Memory cgroups"
keys Home Enter
scroll_to "total 45678 us" # the full line, under the some line
ok "cgroup: a null PSI total is -" wait_re '^  some +avg10 .* total - us'
ok "cgroup screen: no 2^64 - 1" nonum

finish
