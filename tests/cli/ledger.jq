# The Memory ledger's contract (issue 13), true or false for one sample,
# for the machine and for every node in memory.nodes[]: the top level sums
# exactly to physical_kb and the children of an entry to it; a name used
# as a parent names one entry; no bucket but unexplained (the closing
# figure) below 0; every entry says its source. The nodes' physical_kb
# add up to the machine's. An "of which" figure (of_which[], where the
# sample has it) names one bucket as its parent and is at most that
# bucket. Shared by tests/cli/test_memory.sh and the lab's kernel-test.sh.
def partitions:
  . as $m
  | ($m.physical_kb > 0)
    and ([$m.ledger[] | select(.parent == null) | .kb] | add) == $m.physical_kb
    and ([$m.ledger[] | select(.parent != null) | .parent] | unique
         | all(. as $p | [$m.ledger[] | select(.name == $p)] | length == 1))
    and ([$m.ledger[] as $e
          | [$m.ledger[] | select(.parent == $e.name) | .kb]
          | select(length > 0) | add == $e.kb] | all)
    and all($m.ledger[]; (.name == "unexplained" or .kb >= 0)
            and (.source | type == "string" and length > 0))
    and all($m.of_which[]?; . as $o
            | [$m.ledger[] | select(.name == $o.parent)] as $p
            | ($p | length) == 1 and $o.kb >= 0 and $o.kb <= $p[0].kb
              and ($o.source | type == "string" and length > 0));
.memory
| partitions
  and all(.nodes[]?; partitions)
  and ((.nodes // []) == [] or ([.nodes[].physical_kb] | add) == .physical_kb)
