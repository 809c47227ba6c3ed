#!/usr/bin/env bash
# HTTP load, in the same run, on loopback only, three servers on the same Jetty:
#   bare      a servlet that reads the body and answers 200 (BareServer): the container's own cost;
#   ramphook  the ramphook filter (URL-token auth, parse, in-memory dedup, inline no-op handler) (NoopServer);
#   example   the Jetty example as shipped (its sample handlers also keep every event in memory for GET /events).
#
#   jetty-example/bench/load.sh            # build, measure start-up, warm every server, 5 alternating rounds of 10 s
#   ROUNDS=5 DURATION=15s jetty-example/bench/load.sh
#   NO_BUILD=1 jetty-example/bench/load.sh # reuse jetty-example/target/ramphook-jetty-example.jar
#   OCTOKIT=1 jetty-example/bench/load.sh  # also: ramphook against @octokit/webhooks (Node), both verifying HMAC
#   OCTOKIT=only jetty-example/bench/load.sh  # only that pair (no bare, no example, no start-up timing)
#   WITH_EXAMPLE=0 jetty-example/bench/load.sh  # bare and the no-op server only (no example, no start-up timing): shorter
#
# Prints requests/s and p99 per run, the medians per server, and ramphook/bare and example/bare. Every request is a new ZBD event
# (zbd.lua). Stops every server it started, however it exits. Needs wrk (installed with apt-get when missing).
#
# Warm-up: every server gets WARMUP_PASSES (default 2) runs of WARMUP, in alternating order, before the first measured
# round, and more passes (up to WARMUP_MAX_PASSES, default 8) until the JIT is done: a JVM server is warm when its
# JIT compiler threads took at most WARM_JIT_PERCENT (default 2) % of its CPU during its last pass (read from
# /proc/<pid>/task/*/stat, threads named "C1/C2 CompilerThread"; a throughput that stops rising is not enough: on a
# loaded machine the compiler threads starve and a server stays half-compiled at a steady rate), and Node's when its
# pass is no more than 10% faster than its previous one. Every pass and round prints each JVM's JIT share; the "warm
# check" line compares each server's first round with the median of its later ones (a cold first round shows as a
# ratio well below 1), and the per-round ratios (each round's ramphook ÷ the bare run beside it) are printed with
# their median beside the ratio of the medians.
#
# OCTOKIT=1 adds, in the same alternating rounds, two servers verifying an HMAC-SHA256 signature over the same bytes:
# ramphook's no-op server at /webhooks/hmac (meCash bodies, X-Hub-Signature-256) and bench/octokit/server.mjs
# (@octokit/webhooks' createNodeMiddleware, one Node process), each request a new signed event (hmac.lua), and
# prints ramphook/octokit, with each side's client (wrk) CPU per request and the rates the CPU alone allows on a quiet
# machine (the JVM shares the cores with wrk, Node keeps one to itself: cores / (server + client) against 1 / Node's
# CPU), the ratio a busy machine's throughput cannot show. Needs node and npm (its packages are installed into bench/octokit/node_modules with npm
# ci); the build and CI never need them.
set -euo pipefail

cd "$(dirname "$0")/../.."
ROOT=$(pwd)
JAR=$ROOT/jetty-example/target/ramphook-jetty-example.jar
WITH_EXAMPLE=${WITH_EXAMPLE:-1}
[[ ${OCTOKIT:-} != only ]] || WITH_EXAMPLE=0 # the pair alone: neither the example nor the bare servlet is started
LUA=$ROOT/jetty-example/bench/zbd.lua
ROUNDS=${ROUNDS:-5}
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-10s}
WARMUP_PASSES=${WARMUP_PASSES:-2}
WARMUP_MAX_PASSES=${WARMUP_MAX_PASSES:-8}
WARM_JIT_PERCENT=${WARM_JIT_PERCENT:-2}
OCTOKIT=${OCTOKIT:-}
OCTOKIT_PORT=${OCTOKIT_PORT:-18083}
HMAC_LUA=$ROOT/jetty-example/bench/hmac.lua
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-32}
EXAMPLE_PORT=${EXAMPLE_PORT:-18080}
BARE_PORT=${BARE_PORT:-18081}
RAMPHOOK_PORT=${RAMPHOOK_PORT:-18082}
# The example's sample handlers log two INFO lines per event: demo output, not ramphook's cost, and a benchmark of
# a console. WARN keeps what matters (rejections, failures) for both servers alike.
JAVA_OPTS=${JAVA_OPTS:--Dorg.slf4j.simpleLogger.log.dev.ramphook.example=warn}
# The example keeps handled keys in memory, 1,000,000 per endpoint: at the default 7-day retention wrk's distinct
# events fill that in under a minute and it answers 503. A 1 s dedup window (wrk never redelivers), pruned every
# second, keeps at most ~2 s of keys (3 s if a prune runs a second late): under the budget up to ~330,000
# deliveries/s, however long the run (ramphook.retention; the no-op server uses the same; BenchRetentionTest). The
# 10 s used before allowed ~90,000/s, which the example had passed on this machine (98,616/s, 2026-11).
EXAMPLE_RETENTION=${EXAMPLE_RETENTION:-1}
TOKEN=load-test-token-$RANDOM$RANDOM
SECRET=load-test-secret-$RANDOM$RANDOM
LOGS=$(mktemp -d /tmp/ramphook-load.XXXXXX)

PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
}
trap cleanup EXIT INT TERM

if ! command -v wrk >/dev/null; then
  echo "installing wrk (apt-get)" >&2
  apt-get install -y wrk >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y wrk >/dev/null; }
fi
if [[ -z ${NO_BUILD:-} || ! -f $JAR ]]; then
  echo "building the Jetty example" >&2
  mvn -q -pl jetty-example -am -DskipTests package
fi

# Starts a server in the background; its pid goes to PIDS and to the named variable.
start() { # var port main-class-or-empty
  local var=$1 port=$2 main=$3
  if [[ -n $main ]]; then
    PORT=$port ZBD_WEBHOOK_TOKEN=$TOKEN MECASH_WEBHOOK_SECRET=$SECRET \
      java $JAVA_OPTS -cp "$JAR" "$main" >"$LOGS/$var.log" 2>&1 &
  else
    PORT=$port ZBD_WEBHOOK_TOKEN=$TOKEN MECASH_WEBHOOK_SECRET=$SECRET RAMPHOOK_RETENTION=$EXAMPLE_RETENTION \
      java $JAVA_OPTS -jar "$JAR" >"$LOGS/$var.log" 2>&1 &
  fi
  PIDS+=($!)
  printf -v "$var" '%s' "$!"
}

stop() { # pid
  kill "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}

# POSTs one fresh ZBD event; prints the HTTP status (000 while nothing listens).
post_once() { # port n
  curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
    --data "{\"event\":\"RAMP_WIDGET.V1.PAYMENT.SETTLED\",\"data\":{\"session_id\":\"sess_start_$2_$RANDOM\",\"base_amount\":\"1.00\",\"base_currency\":\"USD\"},\"created_at\":\"2025-01-18T11:05:00Z\"}" \
    "http://127.0.0.1:$1/webhooks/zbd?token=$TOKEN" 2>/dev/null || true
}

# Milliseconds from launching the example's JVM to its first 200 answer to a real delivery, into STARTUP_MS.
# (Not run in $(...): a subshell would not share PIDS with the cleanup trap.)
startup_ms() { # n
  local t0 t1 status pid deadline
  t0=$(date +%s%N)
  start pid "$EXAMPLE_PORT" ""
  deadline=$((t0 + 30000000000))
  status=000
  while [[ $status != 200 ]]; do
    if (($(date +%s%N) > deadline)) || ! kill -0 "$pid" 2>/dev/null; then
      echo "the example did not answer 200 within 30 s (last status $status); log: $LOGS/pid.log" >&2
      exit 1
    fi
    status=$(post_once "$EXAMPLE_PORT" "$1")
  done
  t1=$(date +%s%N)
  stop "$pid"
  STARTUP_MS=$(((t1 - t0) / 1000000))
}

wait_ready() { # port pid name
  local deadline=$(($(date +%s) + 30))
  until [[ $(post_once "$1" ready) == 200 ]]; do
    if (($(date +%s) > deadline)) || ! kill -0 "$2" 2>/dev/null; then
      echo "$3 did not come up on port $1; logs in $LOGS" >&2
      exit 1
    fi
    sleep 0.1
  done
}

# CPU ticks of a process, all its threads and its JIT compiler threads alone: "all jit" ("0 0" when not a JVM).
cpu_ticks() { # pid
  [[ -n $1 && -r /proc/$1/stat ]] || { echo "0 0"; return; }
  local all jit=0 t
  all=$(awk '{print $14 + $15}' "/proc/$1/stat")
  for t in /proc/"$1"/task/*; do
    if [[ $(cat "$t/comm" 2>/dev/null) == *CompilerThre* ]]; then
      jit=$((jit + $(awk '{print $14 + $15}' "$t/stat" 2>/dev/null || echo 0)))
    fi
  done
  echo "$all $jit"
}

# One wrk run; prints "rps p99_us jit_percent cpu_us client_us" (jit_percent: the share of the server's CPU its JIT
# compiler threads took during the run, -1 for Node; cpu_us: the server process's CPU time per request, all its
# threads, which moves far less with the machine's load than requests/s do; client_us: wrk's own CPU per request) and fails on any non-2xx answer or socket error (a warm-up pass: on a non-2xx only,
# as a cold server on a loaded machine may let a request pass wrk's 5 s timeout).
run_wrk() { # port duration nonce [warm]
  local out line pid jvm a0 j0 a1 j1
  jvm=$(jvm_of "$1")
  pid=${jvm:-${OCTOKIT_PID:-}}
  read -r a0 j0 <<<"$(cpu_ticks "$pid")"
  case $1 in
    "$OCTOKIT_PORT") out=$(timed_wrk "$2" -s "$HMAC_LUA" "http://127.0.0.1:$1" -- /webhooks/github "$SECRET" "$3") ;;
    "$RAMPHOOK_PORT-hmac") out=$(timed_wrk "$2" -s "$HMAC_LUA" "http://127.0.0.1:$RAMPHOOK_PORT" -- /webhooks/hmac \
      "$SECRET" "$3") ;;
    *) out=$(timed_wrk "$2" -s "$LUA" "http://127.0.0.1:$1" -- "$TOKEN" "$3") ;;
  esac
  read -r a1 j1 <<<"$(cpu_ticks "$pid")"
  line=$(grep '^RESULT' <<<"$out")
  if [[ $line != *" non2xx=0 socket_errors=0"* && ( -z ${4:-} || $line != *" non2xx=0 "* ) ]]; then
    echo "wrk reported errors against port $1: $line" >&2
    exit 1
  fi
  # A compiler thread that ended during the run takes its ticks with it: a negative JIT share counts as none.
  printf '%s %s %s %s\n' "$(sed -E 's/.* rps=([0-9.]+) .* p99_us=([0-9]+) .*/\1 \2/' <<<"$line")" \
    "$(awk -v pid="$jvm" -v a=$((a1 - a0)) -v j=$((j1 - j0)) \
      'BEGIN {if (pid == "") print -1; else if (a <= 0 || j <= 0) print 0; else printf "%.1f", 100 * j / a}')" \
    "$(awk -v a=$((a1 - a0)) -v hz="$CLK_TCK" -v n="$(sed -E 's/.*requests=([0-9]+).*/\1/' <<<"$line")" \
      'BEGIN {printf "%.1f", (n > 0 ? a * 1e6 / hz / n : 0)}')" \
    "$(awk -v c="$(grep '^CLIENT_CPU ' <<<"$out" | cut -d' ' -f2)" \
      -v n="$(sed -E 's/.*requests=([0-9]+).*/\1/' <<<"$line")" 'BEGIN {printf "%.1f", (n > 0 ? c * 1e6 / n : 0)}')"
}

# wrk with the standard options and the given script and arguments; prints its output, then "CLIENT_CPU <seconds>":
# the user + system CPU wrk itself spent (its Lua script included). wrk runs on the cores the JVM servers use (Node
# uses one of its own), so what the client costs per request bounds the JVM servers' rate and not Node's.
timed_wrk() { # duration script-and-arguments...
  local TIMEFORMAT='CLIENT_CPU %3U %3S' duration=$1
  shift
  { time wrk -t"$THREADS" -c"$CONNECTIONS" -d"$duration" --timeout 5s "$@" 2>&1; } 2>&1 | awk '
    /^CLIENT_CPU / {print "CLIENT_CPU", $2 + $3; next} {print}'
}

median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(java -version 2>&1 | head -1)"
echo "load average at the start: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cores)"
echo "wrk: $THREADS threads, $CONNECTIONS connections, POST, a new ZBD event per request; rounds: $ROUNDS x $DURATION each"

startups=()
for n in $([[ $OCTOKIT == only || $WITH_EXAMPLE == 0 ]] || echo 1 2 3); do
  startup_ms "$n"
  startups+=("$STARTUP_MS")
done
if ((${#startups[@]} > 0)); then
  echo "start-up of the example, JVM launch to first 200 (ms): ${startups[*]} (median $(printf '%s\n' "${startups[@]}" | median))"
fi

[[ $WITH_EXAMPLE == 0 ]] || start EXAMPLE "$EXAMPLE_PORT" ""
[[ ${OCTOKIT:-} == only ]] || start BARE "$BARE_PORT" dev.ramphook.example.bench.BareServer
start RAMPHOOK "$RAMPHOOK_PORT" dev.ramphook.example.bench.NoopServer
SIDES="bare ramphook$([[ $WITH_EXAMPLE == 0 ]] || echo " example")"
if [[ -n $OCTOKIT ]]; then
  command -v node >/dev/null && command -v npm >/dev/null || { echo "OCTOKIT=1 needs node and npm" >&2; exit 1; }
  if [[ ! -d $ROOT/jetty-example/bench/octokit/node_modules/@octokit/webhooks ]]; then
    echo "installing @octokit/webhooks (npm ci, the version package-lock.json pins)" >&2
    (cd "$ROOT/jetty-example/bench/octokit" && npm ci --no-audit --no-fund >/dev/null)
  fi
  (cd "$ROOT/jetty-example/bench/octokit" && PORT=$OCTOKIT_PORT WEBHOOK_SECRET=$SECRET exec node server.mjs) \
    >"$LOGS/octokit.log" 2>&1 &
  PIDS+=($!)
  OCTOKIT_PID=$!
  SIDES="$SIDES ramphook-hmac octokit"
  [[ $OCTOKIT != only ]] || SIDES="ramphook-hmac octokit"
fi
[[ $WITH_EXAMPLE == 0 ]] || wait_ready "$EXAMPLE_PORT" "$EXAMPLE" "the example"
[[ $OCTOKIT == only ]] || wait_ready "$BARE_PORT" "$BARE" "the bare servlet"
wait_ready "$RAMPHOOK_PORT" "$RAMPHOOK" "the ramphook no-op server"
if [[ -n $OCTOKIT ]]; then
  deadline=$(($(date +%s) + 30))
  until grep -q listening "$LOGS/octokit.log" 2>/dev/null; do
    if (($(date +%s) > deadline)) || ! kill -0 "$OCTOKIT_PID" 2>/dev/null; then
      echo "the octokit server did not come up; log: $LOGS/octokit.log" >&2
      exit 1
    fi
    sleep 0.1
  done
fi

CLK_TCK=$(getconf CLK_TCK)

# The JVM behind a port given to run_wrk, for its JIT share; empty for Node.
jvm_of() {
  case $1 in
    "$BARE_PORT") echo "$BARE" ;; "$RAMPHOOK_PORT" | "$RAMPHOOK_PORT-hmac") echo "$RAMPHOOK" ;;
    "$EXAMPLE_PORT") echo "$EXAMPLE" ;; *) echo "" ;;
  esac
}

port_of() {
  case $1 in
    bare) echo "$BARE_PORT" ;; ramphook) echo "$RAMPHOOK_PORT" ;; example) echo "$EXAMPLE_PORT" ;;
    ramphook-hmac) echo "$RAMPHOOK_PORT-hmac" ;; octokit) echo "$OCTOKIT_PORT" ;;
  esac
}
REVERSED=$(tr ' ' '\n' <<<"$SIDES" | tac | tr '\n' ' ')

# At least WARMUP_PASSES passes; more, up to WARMUP_MAX_PASSES, while any JVM server's JIT compiler threads still
# took more than WARM_JIT_PERCENT % of its CPU in its pass (compiling, slowly on a loaded machine), or Node's pass
# was more than 10% faster than its previous one.
echo "warming every server: $WARMUP_PASSES to $WARMUP_MAX_PASSES alternating passes of $WARMUP each, until each" \
  "JVM's JIT takes <= $WARM_JIT_PERCENT% of its CPU"
declare -A last_warm last_jit
for pass in $(seq 1 "$WARMUP_MAX_PASSES"); do
  if ((pass % 2 == 1)); then order=$SIDES; else order=$REVERSED; fi
  cold=""
  for side in $order; do
    result=$(run_wrk "$(port_of "$side")" "$WARMUP" "warm$pass" warm) # not inside <<<: a failed run must stop here
    read -r rps _ jit _ <<<"$result"
    if [[ $jit == -1 ]]; then
      if [[ -z ${last_warm[$side]:-} ]] || awk -v a="$rps" -v b="${last_warm[$side]}" 'BEGIN {exit !(a > 1.1 * b)}'
      then
        cold+=" $side"
      fi
    elif awk -v j="$jit" -v max="$WARM_JIT_PERCENT" 'BEGIN {exit !(j > max)}'; then
      cold+=" $side"
    fi
    last_warm[$side]=$rps
    last_jit[$side]=$jit
  done
  echo "warm-up pass $pass: $(for side in $SIDES; do
    printf '%s %.0f' "$side" "${last_warm[$side]}"
    [[ ${last_jit[$side]} == -1 ]] || printf ' (jit %s%%)' "${last_jit[$side]}"
    printf '  '
  done)"
  if ((pass >= WARMUP_PASSES)) && [[ -z $cold ]]; then
    break
  fi
  if ((pass == WARMUP_MAX_PASSES)); then
    echo "note: still compiling (or, Node, getting faster) after $pass warm-up passes:$cold (a loaded machine?);" \
      "the warm check and the rounds' JIT shares show it" >&2
  fi
done

for side in $SIDES; do : >"$LOGS/$side.txt"; done
for round in $(seq 1 "$ROUNDS"); do
  # Forward, then backward: a drift in the machine's load favours no side.
  if ((round % 2 == 1)); then order=$SIDES; else order=$REVERSED; fi
  for side in $order; do
    result=$(run_wrk "$(port_of "$side")" "$DURATION" "r$round")
    read -r rps p99 jit cpu client <<<"$result"
    echo "$rps $p99 $cpu $client" >>"$LOGS/$side.txt"
    printf 'round %d %-13s %10.0f req/s  p99 %7.2f ms  cpu %6.1f us/request  client %5.1f us%s\n' "$round" "$side" \
      "$rps" "$(awk -v u="$p99" 'BEGIN {print u / 1000}')" "$cpu" "$client" "$([[ $jit == -1 ]] || echo "  jit $jit%")"
  done
done

for side in $SIDES; do
  var=${side//-/_}
  printf -v "rps_$var" '%s' "$(cut -d' ' -f1 "$LOGS/$side.txt" | median)"
  printf -v "p99_$var" '%s' "$(cut -d' ' -f2 "$LOGS/$side.txt" | median)"
  printf -v "cpu_$var" '%s' "$(cut -d' ' -f3 "$LOGS/$side.txt" | median)"
  printf -v "client_$var" '%s' "$(cut -d' ' -f4 "$LOGS/$side.txt" | median)"
done
if ((ROUNDS >= 3)); then
  # A cold first round (JIT still compiling) shows as a ratio well below 1; a warm one within the noise of 1.
  line="warm check, round 1 / median of rounds 2-$ROUNDS (requests/s):"
  for side in $SIDES; do
    line+=" $side $(awk -v a="$(head -1 "$LOGS/$side.txt" | cut -d' ' -f1)" \
      -v b="$(tail -n +2 "$LOGS/$side.txt" | cut -d' ' -f1 | median)" 'BEGIN {printf "%.2f", a / b}')"
  done
  echo "$line"
fi
# Each round's ratio, from the two runs measured beside each other in that round: a drift in the machine's load
# between rounds moves both. Their median is the ratio least moved by such a drift.
per_round() { # numerator-side denominator-side
  paste -d' ' <(cut -d' ' -f1 "$LOGS/$1.txt") <(cut -d' ' -f1 "$LOGS/$2.txt") | awk '{printf "%.3f\n", $1 / $2}'
}
if [[ $OCTOKIT != only ]]; then
  echo "per round, ramphook/bare: $(per_round ramphook bare | tr '\n' ' ')(median $(per_round ramphook bare | median))"
fi
if [[ -n $OCTOKIT ]]; then
  echo "per round, ramphook/octokit: $(per_round ramphook-hmac octokit | tr '\n' ' ')(median" \
    "$(per_round ramphook-hmac octokit | median))"
fi
# CPU time per request of each server process (median of the rounds): what each costs the machine, which a busy
# machine moves far less than requests/s. (Node runs on one core, so its throughput is capped beside the JVMs'.)
if [[ $OCTOKIT != only ]]; then
  echo "cpu per request (median): bare $cpu_bare us, ramphook $cpu_ramphook us ($(awk -v a="$cpu_ramphook" \
    -v b="$cpu_bare" 'BEGIN {printf "%.2f", a / b}')x bare); client (wrk): $client_bare us against bare," \
    "$client_ramphook us against ramphook"
fi
if [[ -n $OCTOKIT ]]; then
  echo "cpu per request (median): ramphook-hmac $cpu_ramphook_hmac us, octokit $cpu_octokit us (octokit costs" \
    "$(awk -v a="$cpu_octokit" -v b="$cpu_ramphook_hmac" 'BEGIN {printf "%.2f", a / b}')x ramphook)"
  # The JVM shares the machine's cores with wrk, Node keeps one core to itself (wrk and the JVM idle beside it): on a
  # quiet machine the JVM's rate is at most cores / (its CPU + wrk's CPU per request), Node's 1 core / its CPU.
  awk -v c="$(nproc)" -v s="$cpu_ramphook_hmac" -v w="$client_ramphook_hmac" -v n="$cpu_octokit" \
      -v wn="$client_octokit" 'BEGIN {
    printf "client (wrk) cpu per request (median): %.1f us against ramphook-hmac, %.1f us against octokit\n", w, wn
    printf "cpu bound on a quiet machine: ramphook-hmac %.0f req/s (%d cores / (%.1f + %.1f us)), octokit %.0f req/s", \
      c * 1e6 / (s + w), c, s, w, 1e6 / n
    printf " (1 core / %.1f us): %.2fx\n", n, (c * 1e6 / (s + w)) / (1e6 / n)
  }'
fi
if [[ $OCTOKIT != only ]]; then
awk -v br="$rps_bare" -v bp="$p99_bare" -v rr="$rps_ramphook" -v rp="$p99_ramphook" \
    -v er="${rps_example:-0}" -v ep="${p99_example:-0}" 'BEGIN {
  printf "median    bare          %10.0f req/s  p99 %7.2f ms\n", br, bp / 1000
  printf "median    ramphook      %10.0f req/s  p99 %7.2f ms\n", rr, rp / 1000
  if (er > 0) printf "median    example       %10.0f req/s  p99 %7.2f ms\n", er, ep / 1000
}'
fi
if [[ -n $OCTOKIT ]]; then
  awk -v hr="$rps_ramphook_hmac" -v hp="$p99_ramphook_hmac" -v or="$rps_octokit" -v op="$p99_octokit" 'BEGIN {
  printf "median    ramphook-hmac %10.0f req/s  p99 %7.2f ms\n", hr, hp / 1000
  printf "median    octokit       %10.0f req/s  p99 %7.2f ms\n", or, op / 1000
}'
fi
if [[ $OCTOKIT != only ]]; then
awk -v br="$rps_bare" -v bp="$p99_bare" -v rr="$rps_ramphook" -v rp="$p99_ramphook" \
    -v er="${rps_example:-0}" -v ep="${p99_example:-0}" 'BEGIN {
  printf "ramphook/bare: throughput %.3f (target >= 0.95), p99 %.2fx (target <= 1.2x)\n", rr / br, rp / bp
  if (er > 0) printf "example/bare:  throughput %.3f, p99 %.2fx\n", er / br, ep / bp
}'
fi
if [[ -n $OCTOKIT ]]; then
  awk -v hr="$rps_ramphook_hmac" -v hp="$p99_ramphook_hmac" -v or="$rps_octokit" -v op="$p99_octokit" 'BEGIN {
  printf "ramphook/octokit (HMAC-SHA256, same bodies): throughput %.2fx (target >= 3x), p99 %.2fx\n", hr / or, hp / op
}'
fi
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "server logs: $LOGS"
