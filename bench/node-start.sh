#!/usr/bin/env bash
# Start time of `guarantor serve` (what `npm start` runs after the web build) under each Node
# binary given, alternating between them so a busy machine slows both alike: the first start
# on an empty embedded data folder (migrations, demo seed) and a restart on the same folder,
# each until GET /readyz answers 200. Prints one line per start. Asserts nothing.
#
#   bench/node-start.sh /usr/bin/node node_modules/.bin/node [ROUNDS]
#
# The peer is the other binary, measured in the same run (ADR 0015 compares Node 20 and 24).
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${3:-3}
port=39123
ready() { curl -fs -o /dev/null "http://127.0.0.1:$port/readyz"; }
for round in $(seq 1 "$rounds"); do
  for bin in "$1" "$2"; do
    version=$("$bin" -v)
    dir=$(mktemp -d)
    for kind in first restart; do
      start=$(date +%s.%N)
      DATA_DIR="$dir" PORT=$port LOG_LEVEL=warn WEB_DIR=/nonexistent \
        "$bin" node_modules/tsx/dist/cli.mjs packages/cli/src/main.ts serve >/dev/null 2>&1 &
      pid=$!
      until ready; do
        kill -0 "$pid" 2>/dev/null || { echo "$version $kind: the server exited"; exit 1; }
        sleep 0.1
      done
      end=$(date +%s.%N)
      printf '%s round %d %-8s %6.1f s\n' "$version" "$round" "$kind" "$(echo "$end - $start" | bc)"
      kill "$pid"; wait "$pid" 2>/dev/null || true
    done
    rm -rf "$dir"
  done
done
