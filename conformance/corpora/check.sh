#!/usr/bin/env bash
# Runs every external corpus that fetch.sh assembled and holds its FAILs to the list of
# known ones: conformance/corpora/known-failures.txt names each case still failing, with
# why. A FAIL not on the list fails this script (a new disagreement or a missed
# expectation), and so does a listed case that passes now (take it off the list: the list
# stays true). Prints each corpus's totals.
#
#   conformance/corpora/check.sh POLYCERT [CORPORA_DIR]     (default: build/corpora)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
polycert=${1:?usage: conformance/corpora/check.sh POLYCERT [CORPORA_DIR]}
corpora=${2:-build/corpora}
known=$here/known-failures.txt
report=$(mktemp -d)
trap 'rm -rf "$report"' EXIT

failed=0
: >"$report/failing"
for corpus in ca-certificates cryptography-vectors tool-made; do
  status=0
  "$polycert" conformance --corpus "$corpora/$corpus" --filter 'corpus/*' --json "$report/$corpus.json" \
    >"$report/$corpus.txt" 2>&1 || status=$?
  if ((status != 0 && status != 6)); then
    echo "check.sh: $corpus did not run (exit $status):" >&2
    cat "$report/$corpus.txt" >&2
    exit 1
  fi
  echo "$corpus: $(grep -E '^Totals' "$report/$corpus.txt")"
  python3 - "$report/$corpus.json" "$corpus" >>"$report/failing" <<'PY'
import json, sys
document = json.load(open(sys.argv[1]))
for case in document["cases"]:
    if case["outcome"] == "FAIL":
        print(sys.argv[2] + " " + case["id"])
PY
done

sed -e 's/[[:space:]]*#.*//' -e '/^$/d' "$known" | sort -u >"$report/known"
sort -u "$report/failing" >"$report/failing.sorted"
new=$(comm -13 "$report/known" "$report/failing.sorted")
fixed=$(comm -23 "$report/known" "$report/failing.sorted")
if [ -n "$new" ]; then
  echo "check.sh: cases that FAIL and are not known (fix them, or list them with why):" >&2
  echo "$new" >&2
  failed=1
fi
if [ -n "$fixed" ]; then
  echo "check.sh: known failures that pass now (take them off $known):" >&2
  echo "$fixed" >&2
  failed=1
fi
echo "corpora: $(wc -l <"$report/failing.sorted") FAIL cases, all known: $([ $failed = 0 ] && echo yes || echo no)"
exit $failed
