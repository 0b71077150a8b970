#!/usr/bin/python3
# The values a real Prometheus scraped from memscope --serve against /proc
# read at the same time (tests/cli/test_serve.sh). Reads /proc/buddyinfo,
# /proc/slabinfo and /proc/pressure/memory every 50 ms while Prometheus
# scrapes, then takes from Prometheus' HTTP API every scrape of the last
# 20 s with memscope's sample time (memscope_sample_timestamp_seconds),
# and compares each value with the reads around that time:
#   free blocks per order and slab cache sizes move while they are read:
#   a value must lie within the reads of the half second around the
#   sample, widened by the largest change seen between two reads 50 ms
#   apart (a quiet series is compared exactly); PSI totals only grow: the
#   read before the sample <= the value <= the last read (after
#   Prometheus had it), and each series never decreases from scrape to
#   scrape.
# Usage: serve_agree.py PROMETHEUS_URL SECONDS_TO_WAIT
# Prints one "ok   - ..." or "FAIL - ..." line per check, as tests/lib.sh.
import json
import os
import sys
import threading
import time
import urllib.parse
import urllib.request

sys.dont_write_bytecode = True  # tap.py leaves no __pycache__ here
import tap  # noqa: E402
from tap import check  # noqa: E402

PROM, WAIT = sys.argv[1], float(sys.argv[2])
PAGE = os.sysconf("SC_PAGE_SIZE")
WINDOW = 0.25  # seconds either side of the sample's time


def read(path):
    try:
        with open(path) as f:
            return f.read()
    except OSError:
        return None


def buddy(text):
    """{(node, zone, order): blocks} of /proc/buddyinfo"""
    out = {}
    for line in text.splitlines():
        w = line.split()
        if len(w) < 5 or w[0] != "Node":
            continue
        for o, n in enumerate(w[4:]):
            out[(w[1].rstrip(","), w[3], str(o))] = float(n)
    return out


def slab(text):
    """{cache: bytes} of /proc/slabinfo: num_slabs * pagesperslab * page"""
    out = {}
    for line in (text or "").splitlines()[2:]:
        w = line.split()
        if len(w) > 14:
            out[w[0]] = float(w[14]) * float(w[5]) * PAGE
    return out


def psi(text):
    """{kind: total seconds} of /proc/pressure/memory"""
    out = {}
    for line in (text or "").splitlines():
        w = line.split()
        tot = [x for x in w if x.startswith("total=")]
        if w and tot:
            out[w[0]] = float(tot[0][6:]) / 1e6
    return out


log = []  # (time, buddy, slab, psi)
stop = threading.Event()


def logger():
    while not stop.is_set():
        t0 = time.time()
        b = buddy(read("/proc/buddyinfo"))
        s = slab(read("/proc/slabinfo"))
        p = psi(read("/proc/pressure/memory"))
        t1 = time.time()
        log.append(((t0 + t1) / 2, b, s, p))
        stop.wait(0.05)


def query(q):
    url = PROM + "/api/v1/query?" + urllib.parse.urlencode({"query": q})
    with urllib.request.urlopen(url, timeout=10) as r:
        d = json.load(r)
    return d["data"]["result"] if d.get("status") == "success" else []


def scrapes(name, key):
    """{scrape time: {key(labels): value}} of every sample of the 20 s"""
    out = {}
    for s in query(name + "[20s]"):
        k = key(s["metric"])
        for t, v in s["values"]:
            out.setdefault(float(t), {})[k] = float(v)
    return out


threading.Thread(target=logger, daemon=True).start()
started = time.time()

# a few scrapes after the log began, with memscope's rates (its second
# sample on): then the series are there
deadline = time.time() + WAIT
n = 0
while time.time() < deadline:
    try:
        r = query("count_over_time(memscope_sample_timestamp_seconds[1m])")
        n = int(float(r[0]["value"][1])) if r else 0
        up = query('up{job="memscope"}')
        rate = query('memscope_vmstat_events_per_second{item="pgfault"}')
        if n >= 4 and up and up[0]["value"][1] == "1" and rate:
            break
    except OSError:
        pass
    time.sleep(0.5)
time.sleep(1.5)  # reads after the last sample checked
stop.set()
check("Prometheus scraped memscope 4 times or more (%d)" % n, n >= 4)
check("up{job=\"memscope\"} is 1", bool(up) and up[0]["value"][1] == "1")
check("the API returns memscope_info",
      any(s["metric"].get("version") for s in query("memscope_info")))
check("the API returns a rate (second sample on)", bool(rate))

stamps = scrapes("memscope_sample_timestamp_seconds", lambda m: "t")
samples = {t: v["t"] for t, v in stamps.items() if v["t"] > started + 0.1}
check("scrapes of samples taken while /proc was read (%d)" % len(samples),
      len(samples) >= 2)


def around(ts, idx):
    """the reads of the WINDOW around ts: [{key: value}, ...]"""
    return [e[idx] for e in log if abs(e[0] - ts) <= WINDOW]


def step(idx, k):
    """the largest change of series k between two reads in a row"""
    vals = [e[idx].get(k) for e in log]
    vals = [v for v in vals if v is not None]
    return max([abs(a - b) for a, b in zip(vals, vals[1:])] or [0])


def agree(idx, got):
    """every scraped series within the reads around its sample: the
    scrapes whose every series agreed, those compared, and a miss"""
    good, compared, miss = 0, 0, ""
    for st, ts in sorted(samples.items()):
        reads = around(ts, idx)
        vals = got.get(st, {})
        if not reads or not vals:
            continue
        compared += 1
        bad = []
        for k, v in vals.items():
            seen = [r[k] for r in reads if k in r]
            if not seen:
                bad.append("%s not in /proc" % (k,))
                continue
            d = step(idx, k)
            if not min(seen) - d <= v <= max(seen) + d:
                bad.append("%s=%g, /proc %g..%g (+-%g)" %
                           (k, v, min(seen), max(seen), d))
        if bad:
            miss = "%d of %d: %s" % (len(bad), len(vals), bad[0])
        else:
            good += 1
    return good, compared, miss


b = scrapes("memscope_buddy_free_blocks",
            lambda m: (m["node"], m["zone"], m["order"]))
zones = set(k for e in log for k in e[1])
ok_n, n, miss = agree(1, b)
check("free blocks per order: every zone and order of buddyinfo has a "
      "series", bool(b) and all(set(v) == zones for v in b.values()))
check("free blocks per order agree with /proc/buddyinfo (%d of %d scrapes)"
      % (ok_n, n), ok_n >= 1 and ok_n * 2 >= n, miss)

if log and log[-1][2]:
    s = scrapes("memscope_slab_cache_size_bytes", lambda m: m["cache"])
    s = {t: {k: v for k, v in c.items() if k != "other"}
         for t, c in s.items()}
    ok_n, n, miss = agree(2, s)
    check("slab cache sizes: 20 caches have series",
          bool(s) and all(len(v) >= 20 for v in s.values()))
    check("slab cache sizes agree with /proc/slabinfo (%d of %d scrapes)"
          % (ok_n, n), ok_n >= 1 and ok_n * 2 >= n, miss)
else:
    print("# slab: /proc/slabinfo unreadable (root), not compared")

p = scrapes("memscope_psi_stall_seconds_total", lambda m: m["kind"])
mono, within, total = True, 0, 0
last = {}
for st in sorted(p):
    for k, v in p[st].items():
        mono &= v >= last.get(k, 0)
        last[k] = v
for st, ts in sorted(samples.items()):
    # the sample read the file after its time; the log's last read came
    # after Prometheus had it (a sample can take longer than a second)
    before = [e[3] for e in log if e[0] < ts]
    if not before or st not in p:
        continue
    total += 1
    # the exposition's seconds carry the kernel's microseconds exactly
    within += all(before[-1][k] - 1e-6 <= v <= log[-1][3][k] + 1e-6
                  for k, v in p[st].items())
check("PSI totals: some and full scraped",
      bool(p) and all(set(v) >= {"some", "full"} for v in p.values()))
check("PSI totals never decrease from scrape to scrape", bool(p) and mono)
check("PSI totals between the reads before and after each sample "
      "(%d of %d)" % (within, total), total >= 1 and within == total)
print("# %d reads of /proc in %.1f s" % (len(log), time.time() - started))
sys.exit(1 if tap.failed else 0)
