#!/usr/bin/python3
# Every query of the Grafana dashboard (dashboards/memscope.json) against
# the real Prometheus of tests/cli/test_serve.sh, scraping memscope: the
# dashboard's template variables replaced as Grafana would ($instance by
# the memscope target, a custom variable by its current value,
# $__rate_interval by RATE, four scrape intervals as Grafana takes it),
# each expr sent to /api/v1/query must return at least one series. Also:
# the instance variable's query lists the target, every panel that is not
# a row says what it shows (a description) and asks the dashboard's
# datasource variable.
# Usage: serve_dashboard.py PROMETHEUS_URL INSTANCE DASHBOARD RATE [SKIP]
# SKIP: a metric name whose queries may be empty here (the test could not
# make what they need, e.g. a cgroup with a limit without root); each is
# then one "ok" line saying so.
# Prints one "ok   - ..." or "FAIL - ..." line per check, as tests/lib.sh.
import json
import re
import sys
import urllib.parse
import urllib.request

sys.dont_write_bytecode = True  # tap.py leaves no __pycache__ here
import tap  # noqa: E402
from tap import check  # noqa: E402

PROM, INST, DASH, RATE = sys.argv[1:5]
SKIP = sys.argv[5] if len(sys.argv) > 5 else None


def get(path, **args):
    url = PROM + path + "?" + urllib.parse.urlencode(args)
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            d = json.load(r)
    except OSError as e:  # urllib's HTTPError (a bad query: 400) too
        body = getattr(e, "read", lambda: b"")()
        try:
            return None, json.loads(body).get("error", str(e))
        except ValueError:
            return None, str(e)
    if d.get("status") != "success":
        return None, d.get("error", "status " + str(d.get("status")))
    return d["data"], ""


with open(DASH) as f:
    dash = json.load(f)
tvars = {v["name"]: v for v in dash["templating"]["list"]}
subst = {"instance": INST, "__rate_interval": RATE, "__interval": RATE}
for name, v in tvars.items():
    if v["type"] == "custom":
        subst[name] = v["current"]["value"]


def fill(s):
    """the variables of s replaced: $name, ${name}, [[name]]"""
    pat = r"\$\{(\w+)\}|\$(\w+)|\[\[(\w+)\]\]"
    return re.sub(pat, lambda m: subst.get(next(g for g in m.groups() if g),
                                           m.group(0)), s)


check("the dashboard has the variables datasource (Prometheus) and "
      "instance", tvars.get("datasource", {}).get("query") == "prometheus" and
      "instance" in tvars)
q = tvars["instance"].get("definition", "")
m = re.fullmatch(r"label_values\((\w+), *instance\)", q)
d, err = get("/api/v1/label/instance/values", **{"match[]": m.group(1)}) \
    if m else (None, "not label_values(METRIC, instance): " + q)
check("the instance variable (%s) lists %s" % (q, INST),
      d is not None and INST in d, err or "%s" % d)

ids = [p["id"] for p in dash["panels"]]
check("every panel has its own id", len(ids) == len(set(ids)))
n = 0
for p in dash["panels"]:
    if p["type"] == "row":
        continue
    title = fill(p["title"])
    check("%s: has a description" % title, len(p.get("description", "")) > 40)
    for t in p.get("targets", []):
        n += 1
        what = "%s (%s)" % (title, t["refId"])
        uid = t.get("datasource", {}).get("uid")
        check("%s: asks ${datasource}" % what, uid == "${datasource}")
        expr = fill(t["expr"])
        if "$" in expr or "[[" in expr:
            check("%s: every variable known" % what, False, expr)
            continue
        d, err = get("/api/v1/query", query=expr)
        series = len(d["result"]) if d else 0
        if not series and SKIP and SKIP in expr:
            print("ok   - %s: skipped, nothing here for %s" % (what, SKIP))
            continue
        check("%s: %d series" % (what, series), series > 0,
              err or "no series: " + expr)
check("the dashboard has queries (%d)" % n, n >= 10)
sys.exit(1 if tap.failed else 0)
