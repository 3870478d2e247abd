#!/usr/bin/env bash
# The test suite on a busy machine: HOGS (default 2) CPU-bound processes run
# beside it for its whole length, and are stopped (by their pids) however it ends.
# Tests must wait for events, not for time; this is how to check that they do.
#   scripts/busy_suite.sh [pytest args...]      e.g. HOGS=4 scripts/busy_suite.sh -x
set -uo pipefail
cd "$(dirname "$0")/.."

hogs=()
stop_hogs() { [ ${#hogs[@]} -eq 0 ] || kill "${hogs[@]}" 2>/dev/null; }
trap stop_hogs EXIT
for _ in $(seq "${HOGS:-2}"); do
    python -c 'while True: pass' &
    hogs+=($!)
done
echo "busy: ${#hogs[@]} CPU-bound processes (${hogs[*]}) on $(nproc) cores"
start=$(date +%s)
python -m pytest -q -p no:cacheprovider "$@"
status=$?
echo "suite: exit $status in $(( $(date +%s) - start )) s beside ${#hogs[@]} CPU-bound processes"
exit $status
