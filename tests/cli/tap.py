# The Python helpers of tests/cli/test_serve.sh print their checks as
# tests/lib.sh does: one "ok   - ..." or "FAIL - ..." line each.
failed = 0


def check(what, good, detail=""):
    """one line; detail follows a FAIL; failed counts them"""
    global failed
    print("%s - %s%s" % ("ok  " if good else "FAIL", what,
                         "" if good or not detail else ": " + detail))
    if not good:
        failed += 1
