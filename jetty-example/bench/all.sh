#!/usr/bin/env bash
# Every benchmark against its baseline, in one run, and one table of the ratios (for the README's Performance
# section; paste the table with its header lines).
#   http     jetty-example/bench/load.sh: the library's no-op server against a bare Jetty servlet reading the body;
#   durable  core's AckThroughput: acknowledged deliveries on PostgreSQL against a plain JDBC insert-commit loop on
#            the same database and pool (32 clients each, like pgbench's run in the issue; ACK_CLIENTS), the share
#            handled by the end of the load, the largest backlog it sampled (the soak: run it long with
#            ACK_SECONDS), and what one acknowledgement cost the database against one plain insert (commits, CPU);
#   durable-http  jetty-example/bench/durable.sh, the issue's own durable measurement: the Jetty example on
#            PostgreSQL under wrk (distinct ZBD events) against pgbench's one-row INSERT commits on the same embedded
#            cluster, alternating (DURABLE_ROUNDS of DURABLE_SECONDS, wrk with DURABLE_CONNECTIONS, pgbench with 32
#            clients), with its handled share, backlog and CPU per acknowledgement. It and the row above differ: the
#            row above is core's harness (JDK server, in-JVM socket clients, a Java insert loop as the baseline);
#   core     core's JMH DeliveryBenchmark (-Pbench): the core path against Jackson readTree of the same 0.3 KB body,
#            and the bytes it allocates per delivery beyond the parse tree (beyond the library's own JSON reader
#            on the same body, ramphookReader, as the README's allocation figures count them).
#
#   jetty-example/bench/all.sh                                   # about 15 minutes on 2 cores (18 with OCTOKIT=1)
#   ACK_SECONDS=300 LOAD_ROUNDS=5 LOAD_DURATION=15s jetty-example/bench/all.sh   # longer, steadier
#   SKIP=http jetty-example/bench/all.sh                         # skip a layer (http, durable, durable-http, core;
#                                                                # comma-separated)
#   OCTOKIT=1 jetty-example/bench/all.sh                         # http also against @octokit/webhooks (needs node)
#
# Ratios only mean something against a baseline measured in the same run on the same machine: check the load
# average it prints at the start and the end (other work on the machine makes every ratio noisier).
set -euo pipefail

cd "$(dirname "$0")/../.."
ROOT=$(pwd)
# 5 rounds of 10 s: with 2 of 8 s one noisy round moved the median by 0.1 (issue 21, third session).
LOAD_ROUNDS=${LOAD_ROUNDS:-5}
LOAD_DURATION=${LOAD_DURATION:-10s}
LOAD_WARMUP=${LOAD_WARMUP:-8s}  # per pass; load.sh warms every server at least twice, in alternating order, and
                                # on until each JVM's JIT compiler threads are idle (at most 2% of its CPU)
OCTOKIT=${OCTOKIT:-}
ACK_SECONDS=${ACK_SECONDS:-30}
ACK_CLIENTS=${ACK_CLIENTS:-32}
DURABLE_ROUNDS=${DURABLE_ROUNDS:-2}
DURABLE_SECONDS=${DURABLE_SECONDS:-20}
DURABLE_CONNECTIONS=${DURABLE_CONNECTIONS:-32}
JMH_ARGS=${JMH_ARGS:--f 1 -wi 3 -i 5 -w 1s -r 1s -prof gc}
SKIP=${SKIP:-}
OUT=$(mktemp -d /tmp/ramphook-bench.XXXXXX)

skipped() { [[ ",$SKIP," == *",$1,"* ]]; }
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }

START_DATE=$(date -u '+%Y-%m-%d %H:%M UTC')
START_LOAD=$(loadavg)
echo "ramphook benchmarks, $START_DATE; load average $START_LOAD; logs in $OUT" >&2

echo "building (package, no tests)" >&2
./mvnw -q -pl core,servlet,jetty-example -am -DskipTests package >"$OUT/build.log" 2>&1 \
  || { echo "build failed; see $OUT/build.log" >&2; exit 1; }

RPS_RATIO=- P99_RATIO=- OCTOKIT_RATIO="- (OCTOKIT=1)"
if ! skipped http; then
  echo "http: bare Jetty against the library${OCTOKIT:+ (and @octokit/webhooks)}, $LOAD_ROUNDS alternating rounds of $LOAD_DURATION" >&2
  NO_BUILD=1 ROUNDS=$LOAD_ROUNDS DURATION=$LOAD_DURATION WARMUP=$LOAD_WARMUP OCTOKIT=$OCTOKIT \
    jetty-example/bench/load.sh >"$OUT/http.txt" 2>&1 || { echo "load.sh failed; see $OUT/http.txt" >&2; exit 1; }
  line=$(grep '^ramphook/bare:' "$OUT/http.txt")
  RPS_RATIO=$(sed -E 's/.*throughput ([0-9.]+).*/\1/' <<<"$line")
  P99_RATIO=$(sed -E 's/.*p99 ([0-9.]+)x.*/\1×/' <<<"$line")
  if [[ -n $OCTOKIT ]]; then
    line=$(grep '^ramphook/octokit' "$OUT/http.txt")
    OCTOKIT_RATIO=$(sed -E 's/.*throughput ([0-9.]+)x.*/\1×/' <<<"$line")
  fi
fi

ACK_RATIO=- HANDLED=- BACKLOG_S=- ACKS=- INSERTS=- COMMITS_PER_ACK=- DB_CPU_RATIO=- DB_CPU_ACK=- DB_CPU_INSERT=-
if ! skipped durable; then
  echo "durable: AckThroughput, $ACK_SECONDS s of load with $ACK_CLIENTS clients (plus about 50 s of baselines)" >&2
  ./mvnw -q -pl core test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt \
    >"$OUT/durable-build.log" 2>&1 || { echo "core test-compile failed; see $OUT/durable-build.log" >&2; exit 1; }
  (cd core && java -cp "$(cat target/cp.txt):target/classes:target/test-classes" \
    dev.ramphook.store.bench.AckThroughput "$ACK_SECONDS" default "$ACK_CLIENTS") >"$OUT/durable.txt" 2>&1 \
    || { echo "AckThroughput failed; see $OUT/durable.txt" >&2; exit 1; }
  line=$(grep '^RESULT' "$OUT/durable.txt")
  field() { sed -E "s/.* $1=([0-9.]+).*/\1/" <<<"$line"; }
  ACKS=$(field acks_per_s) INSERTS=$(field inserts_per_s)
  ACK_RATIO=$(awk -v a="$ACKS" -v i="$INSERTS" 'BEGIN {printf "%.2f", a / i}')
  HANDLED=$(awk -v h="$(field handled)" -v a="$(field acked)" 'BEGIN {printf "%.3f", h / a}')
  BACKLOG_S=$(field max_backlog_s)
  COMMITS_PER_ACK=$(field commits_per_ack) DB_CPU_ACK=$(field db_cpu_us_per_ack) DB_CPU_INSERT=$(field db_cpu_us_per_insert)
  DB_CPU_RATIO=$(awk -v a="$DB_CPU_ACK" -v i="$DB_CPU_INSERT" 'BEGIN {printf "%.1f×", a / i}')
fi

EX_RATIO=- EX_ACKS=- EX_TPS=- EX_HANDLED=- EX_BACKLOG_S=- EX_SERVER_CPU=- EX_DB_CPU=- EX_DB_COMMIT=- EX_CPA=- EX_P99=-
if ! skipped durable-http; then
  echo "durable-http: the Jetty example on PostgreSQL under wrk against pgbench, $DURABLE_ROUNDS alternating rounds" \
    "of $DURABLE_SECONDS s" >&2
  NO_BUILD=1 ROUNDS=$DURABLE_ROUNDS DURATION=$DURABLE_SECONDS CONNECTIONS=$DURABLE_CONNECTIONS \
    jetty-example/bench/durable.sh >"$OUT/durable-http.txt" 2>&1 \
    || { echo "durable.sh failed; see $OUT/durable-http.txt" >&2; exit 1; }
  line=$(grep '^RESULT' "$OUT/durable-http.txt")
  field() { sed -E "s/.* $1=([0-9.]+).*/\1/" <<<"$line"; }
  EX_RATIO=$(printf '%.2f' "$(field ratio)") EX_ACKS=$(printf '%.0f' "$(field acks_per_s)")
  EX_TPS=$(printf '%.0f' "$(field pgbench_tps)") EX_HANDLED=$(field handled) EX_BACKLOG_S=$(field max_backlog_s)
  EX_SERVER_CPU=$(field server_cpu_us_per_ack) EX_DB_CPU=$(field db_cpu_us_per_ack)
  EX_DB_COMMIT=$(field db_cpu_us_per_commit) EX_CPA=$(field commits_per_ack) EX_P99=$(field p99_ms)
fi

ZBD=- MECASH=- ZBD_B=- MECASH_B=- MECASH_FLOOR=- ZBD_SQV=- MECASH_SQV=-
if ! skipped core; then
  echo "core: JMH, the core path, readTree, the library's reader, the authentication alone and the integrator's own (statusQuoVerified), ZBD and meCash at 0.3 KB ($JMH_ARGS)" >&2
  ./mvnw -pl core -Pbench -DskipTests verify \
    -Djmh.args="$JMH_ARGS -p size=300 DeliveryBenchmark\.(ramphook|readTree|ramphookReader|ramphookVerify|statusQuoVerified)\$" >"$OUT/core.txt" 2>&1 \
    || { echo "JMH failed; see $OUT/core.txt" >&2; exit 1; }
  # BenchMain's table: prov size bytes | ramphook readTree statusQuo sqVerified | /readTr /sQuo /sqVer |
  # B/op ramphook, B/op readTree, B/op ramphookReader.
  row() { grep -E "^$1 +300 " "$OUT/core.txt" | head -1; }
  ZBD=$(row zbd | awk '{print $10}') MECASH=$(row mecash | awk '{print $10}')
  ZBD_B=$(row zbd | awk '$14 != "-" && $16 != "-" {print $14 - $16}')
  MECASH_B=$(row mecash | awk '$14 != "-" && $16 != "-" {print $14 - $16}')
  ZBD_SQV=$(row zbd | awk '{print $12}') MECASH_SQV=$(row mecash | awk '{print $12}')
  # BenchMain's floor table: prov size | verify readTree | ratio (the last table with that shape).
  MECASH_FLOOR=$(awk '/^authentication alone/ {t = 1} t && /^mecash +300 / {print $NF; exit}' "$OUT/core.txt")
fi

END_LOAD=$(loadavg)
cat <<EOF

Run of $START_DATE on $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'),
$(java -version 2>&1 | head -1)); load average $START_LOAD at the start, $END_LOAD at the end.

| measure | this run | this issue's bar |
|---|---|---|
| library ÷ bare Jetty servlet, requests/s (no-op handlers, median of $LOAD_ROUNDS × $LOAD_DURATION) | $RPS_RATIO | ≥ 0.85 |
| its p99 ÷ bare p99 | $P99_RATIO | ≤ 1.5× |
| **the issue's measure:** durable acks/s of the Jetty example on PostgreSQL (wrk, $DURABLE_CONNECTIONS connections) ÷ pgbench one-row INSERT commits/s (32 clients), same cluster, median of $DURABLE_ROUNDS × $DURABLE_SECONDS s ($EX_ACKS ÷ $EX_TPS) | $EX_RATIO | ≥ 0.5 |
| the example's CPU per acknowledgement; database CPU per ack ÷ per pgbench commit ($EX_DB_CPU ÷ $EX_DB_COMMIT µs); commits per ack; p99 | $EX_SERVER_CPU µs; $(awk -v a="$EX_DB_CPU" -v c="$EX_DB_COMMIT" 'BEGIN {if (c + 0 > 0) printf "%.1f×", a / c; else print "-"}'); $EX_CPA; $EX_P99 ms | |
| core's AckThroughput: durable acks/s ÷ JDBC one-row insert commits/s, same database and JVM, $ACK_CLIENTS clients ($ACKS ÷ $INSERTS) | $ACK_RATIO | |
| database CPU per acknowledgement ÷ per plain insert commit ($DB_CPU_ACK ÷ $DB_CPU_INSERT µs); commits per ack (AckThroughput) | $DB_CPU_RATIO; $COMMITS_PER_ACK | |
| acknowledged events handled by the end of the load: AckThroughput ($ACK_SECONDS s); the example (lowest run) | $HANDLED; $EX_HANDLED | ≥ 0.95 |
| largest backlog during the load, in seconds of acknowledgements: AckThroughput; the example | $BACKLOG_S; $EX_BACKLOG_S | a few |
| core path ÷ Jackson readTree, ZBD 0.3 KB | ${ZBD} | ≤ 2× |
| core path ÷ Jackson readTree, meCash 0.3 KB | ${MECASH} | ≤ 2× |
| of which its floor: meCash's HMAC-SHA512 verification alone ÷ readTree | ${MECASH_FLOOR} | |
| core path ÷ what a careful integrator writes (readTree, a switch, the token or HMAC checked by hand), ZBD / meCash | ${ZBD_SQV} / ${MECASH_SQV} | |
| bytes allocated per 0.3 KB delivery beyond the parse tree, ZBD / meCash (B) | $ZBD_B / $MECASH_B | ≤ 3 KB |
| library ÷ @octokit/webhooks (Node), requests/s, both verifying HMAC-SHA256 over the same bodies | $OCTOKIT_RATIO | ≥ 2.5× |

Logs: $OUT (http.txt, durable.txt, durable-http.txt, core.txt)
EOF
