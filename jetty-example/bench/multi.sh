#!/usr/bin/env bash
# Several receiver instances on one PostgreSQL database (core's MultiInstance): for 3 instances, then 4, on fresh
# tables, acknowledged deliveries/s and handled/s, with the plain JDBC insert-commit loop on the same database as the
# reference, and what the database spent per acknowledgement (its commits, its processes' CPU time): the per-row
# cost that says where one database stops scaling (docs/performance.md, "Scaling").
#
#   jetty-example/bench/multi.sh                         # 30 s per instance count, 16 clients
#   MULTI_SECONDS=60 MULTI_INSTANCES=1,3,4 MULTI_CLIENTS=24 jetty-example/bench/multi.sh
#
# The instances share one JVM and the machine's cores with the database: on a small machine the fourth instance
# shows what one more client costs the database, not capacity it adds. Check the load average printed at the start
# and the end; ratios measured in one run are what to compare.
set -euo pipefail

cd "$(dirname "$0")/../.."
MULTI_SECONDS=${MULTI_SECONDS:-30}
MULTI_INSTANCES=${MULTI_INSTANCES:-3,4}
MULTI_CLIENTS=${MULTI_CLIENTS:-16}
OUT=$(mktemp -d /tmp/ramphook-multi.XXXXXX)
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }

echo "ramphook multi-instance benchmark, $(date -u '+%Y-%m-%d %H:%M UTC'); load average $(loadavg); logs in $OUT" >&2
./mvnw -q -pl core test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt \
  >"$OUT/build.log" 2>&1 || { echo "core test-compile failed; see $OUT/build.log" >&2; exit 1; }
(cd core && java -cp "$(cat target/cp.txt):target/classes:target/test-classes" \
  dev.ramphook.store.bench.MultiInstance "$MULTI_SECONDS" "$MULTI_INSTANCES" "$MULTI_CLIENTS") >"$OUT/multi.txt" 2>&1 \
  || { echo "MultiInstance failed; see $OUT/multi.txt" >&2; exit 1; }
grep -v '^\[' "$OUT/multi.txt" | grep -v '^RESULT'
echo "load average at the end: $(loadavg)"
