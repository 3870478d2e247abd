#!/usr/bin/env bash
# The property tests, long: hundreds of examples of longer sequences (CI runs a
# bounded few), in the local zone and in two others far from it. Takes a while
# (around an hour); PLANNER_EXAMPLES=N sets the number of examples.
#   scripts/long_properties.sh [pytest args...]
set -euo pipefail
cd "$(dirname "$0")/.."
export PLANNER_PROPERTIES=long
tests=(tests/properties tests/ui/test_contract_keys.py)
for zone in "" Pacific/Auckland America/New_York; do
    echo "== zone: ${zone:-local}"
    env ${zone:+TZ=$zone} python -m pytest -q -p no:cacheprovider --hypothesis-show-statistics "${tests[@]}" "$@"
done
