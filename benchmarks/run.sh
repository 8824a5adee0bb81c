#!/usr/bin/env bash
# Runs the load matrix of docs/benchmarks.md in one go and prints a markdown table:
# ours against the in-process member (own process), the official Node.js client against the same member,
# ours against the canned-response member, and the bare-socket ceiling; each size and concurrency.
# Then the messaging matrix (queue put/take, topic and reliable-topic publish-to-receive), ours against Node.js.
# Then (all or tls) the get/set matrix at 100 B with TLS off and on, ours against one member of each kind.
# Then (all or nearcache) the read-mostly matrix with and without near caches, and the near cache's staleness.
# Then (all or telemetry) the 100 B get at 128 in flight with no telemetry listener, a MeterListener, an ActivityListener, both.
# Then (all or sql) a 10,000-row SELECT at three cursor buffer sizes and a point query against GetAsync, ours against Node.js.
# Usage: bash benchmarks/run.sh [seconds per run, default 5] [all|map|messaging|tls|nearcache|telemetry|sql, default all]
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_RUN=${1:-5}
PART=${2:-all}
dotnet build -c Release tools/Hazelcast.Member >/dev/null
dotnet build -c Release benchmarks/Hazelcast.Benchmarks >/dev/null
(cd tests/conformance && [ -d node_modules/hazelcast-client ] || npm ci --no-audit --no-fund >/dev/null)
B=benchmarks/Hazelcast.Benchmarks/bin/Release/net10.0/Hazelcast.Benchmarks.dll
M=tools/Hazelcast.Member/bin/Release/net10.0/Hazelcast.Member.dll
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
dotnet $M --members 1 --port 5711 --queue-max-size bench-queue=10000 >/tmp/bench-member.log 2>&1 < /dev/null & pids+=($!)
dotnet $B socket-server --port 5798 >/tmp/bench-socket.log 2>&1 & pids+=($!)
sleep 3
field() { sed -n "s|.*$1=\([0-9.NA]*\).*|\1|p" | tail -1; }
if [ "$PART" = all ] || [ "$PART" = map ]; then
echo "| op | size | in flight | ours → member | Node.js → member | ratio | ours → canned | bare socket | ours/bare | ours p50/p99 µs (member) | Node p50/p99 µs | alloc B/op | sends/request |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|"
for op in get set; do
for size in 100 1024 16384; do
  dotnet $B canned-server --port 5799 --size $size >/tmp/bench-canned.log 2>&1 & canned_pid=$!; pids+=($canned_pid); sleep 1.5
  for inflight in 1 16 128; do
    args="--inflight $inflight --seconds $SECONDS_PER_RUN --warmup 1 --size $size --op $op"
    ours=$(dotnet $B load --address 127.0.0.1:5711 $args | tail -1)
    node=$(cd tests/conformance && node bench/load.js --address 127.0.0.1:5711 $args 2>/dev/null | tail -1)
    canned=$(dotnet $B load --address 127.0.0.1:5799 $args | tail -1)
    bare=$(dotnet $B socket --address 127.0.0.1:5798 $args | tail -1)
    o=$(echo "$ours" | field ops/s); n=$(echo "$node" | field ops/s); c=$(echo "$canned" | field ops/s); s=$(echo "$bare" | field ops/s)
    echo "| $op | $size | $inflight | $o | $n | $(awk "BEGIN{printf \"%.2f\", $o/$n}") | $c | $s | $(awk "BEGIN{printf \"%.0f%%\", 100*$c/$s}") | $(echo "$ours" | field p50_us)/$(echo "$ours" | field p99_us) | $(echo "$node" | field p50_us)/$(echo "$node" | field p99_us) | $(echo "$canned" | field alloc_bytes_per_op) | $(echo "$canned" | field sends_per_request) |"
  done
  kill $canned_pid 2>/dev/null || true; wait $canned_pid 2>/dev/null || true
done
done
fi

if [ "$PART" = all ] || [ "$PART" = messaging ]; then
echo
echo "| workload | producers+consumers / subscribers | ours msg/s | Node.js msg/s | ratio | ours p50/p99 µs | Node p50/p99 µs | ours alloc B/msg |"
echo "|---|---|---|---|---|---|---|---|"
for op in queue reliable-topic topic flake-id pn-counter; do
  for n in $(case $op in queue) echo "1 16";; flake-id|pn-counter) echo "1 32";; *) echo "1 8";; esac); do
    args="--op $op --inflight $n --seconds $SECONDS_PER_RUN --warmup 1 --size 100"
    ours=$(dotnet $B messaging --address 127.0.0.1:5711 $args | tail -1)
    o=$(echo "$ours" | field ops/s)
    if [ $op = topic ]; then
      # The Node.js client has no plain topic: ours alone.
      echo "| $op | $n | $o | — | — | $(echo "$ours" | field p50_us)/$(echo "$ours" | field p99_us) | — | $(echo "$ours" | field alloc_bytes_per_op) |"
    else
      node=$(cd tests/conformance && node bench/messaging.js --address 127.0.0.1:5711 $args 2>/dev/null | tail -1)
      n2=$(echo "$node" | field ops/s)
      echo "| $op | $n | $o | $n2 | $(awk "BEGIN{printf \"%.2f\", $o/$n2}") | $(echo "$ours" | field p50_us)/$(echo "$ours" | field p99_us) | $(echo "$node" | field p50_us)/$(echo "$node" | field p99_us) | $(echo "$ours" | field alloc_bytes_per_op) |"
    fi
  done
done
fi

if [ "$PART" = all ] || [ "$PART" = tls ]; then
# A second member with TLS (a development CA and certificate made at its start), the plain one as before.
tlsdir=$(mktemp -d)
dotnet $M --members 1 --port 5712 --tls-dev "$tlsdir" >/tmp/bench-member-tls.log 2>&1 < /dev/null & pids+=($!)
sleep 3
echo
echo "| op | size | in flight | plain ops/s | TLS ops/s | TLS/plain | plain p50/p99 µs | TLS p50/p99 µs | plain sends/request | TLS sends/request |"
echo "|---|---|---|---|---|---|---|---|---|---|"
for op in get set; do
  for inflight in 1 16 128; do
    args="--inflight $inflight --seconds $SECONDS_PER_RUN --warmup 1 --size 100 --op $op"
    plain=$(dotnet $B load --address 127.0.0.1:5711 $args | tail -1)
    tls=$(dotnet $B load --address 127.0.0.1:5712 --tls-ca "$tlsdir/ca.pem" $args | tail -1)
    p=$(echo "$plain" | field ops/s); t=$(echo "$tls" | field ops/s)
    echo "| $op | 100 | $inflight | $p | $t | $(awk "BEGIN{printf \"%.2f\", $t/$p}") | $(echo "$plain" | field p50_us)/$(echo "$plain" | field p99_us) | $(echo "$tls" | field p50_us)/$(echo "$tls" | field p99_us) | $(echo "$plain" | field sends_per_request) | $(echo "$tls" | field sends_per_request) |"
  done
done
rm -rf "$tlsdir"
fi

if [ "$PART" = all ] || [ "$PART" = nearcache ]; then
# Read-mostly (19 gets in 20, 1,000 keys): ours without and with a near cache, and the official Node.js client with
# its near cache, against the same member (its invalidations batched as a real member's: 100 or every 10 s).
echo
echo "| read-mostly | size | in flight | ours, no near cache | ours, near cache | near / none | Node.js, near cache | ours / Node.js | ours near-cache p50/p99 µs | ours alloc B/op |"
echo "|---|---|---|---|---|---|---|---|---|---|"
for size in 100 1024; do
  for inflight in 1 16 128; do
    args="--inflight $inflight --seconds $SECONDS_PER_RUN --warmup 1 --size $size --op read-mostly"
    plain=$(dotnet $B load --address 127.0.0.1:5711 $args | tail -1)
    near=$(dotnet $B load --address 127.0.0.1:5711 $args --near-cache 1 | tail -1)
    node=$(cd tests/conformance && node bench/load.js --address 127.0.0.1:5711 $args --near-cache 1 2>/dev/null | tail -1)
    p=$(echo "$plain" | field ops/s); c=$(echo "$near" | field ops/s); n=$(echo "$node" | field ops/s)
    echo "| 95% get | $size | $inflight | $p | $c | $(awk "BEGIN{printf \"%.1f\", $c/$p}") | $n | $(awk "BEGIN{printf \"%.2f\", $c/$n}") | $(echo "$near" | field p50_us)/$(echo "$near" | field p99_us) | $(echo "$near" | field alloc_bytes_per_op) |"
  done
done
# Hits only: what one costs in allocations (object format: nothing but the caller's state).
hits=$(dotnet $B load --address 127.0.0.1:5711 --inflight 128 --seconds $SECONDS_PER_RUN --warmup 1 --size 100 --op get --near-cache 1 | tail -1)
echo "| 100% get (hits) | 100 | 128 | — | $(echo "$hits" | field ops/s) | — | — | — | $(echo "$hits" | field p50_us)/$(echo "$hits" | field p99_us) | $(echo "$hits" | field alloc_bytes_per_op) |"
echo
echo "| staleness: from an acknowledged write by one client to the other's near cache serving it | samples | p50 ms | p99 ms | max ms |"
echo "|---|---|---|---|---|"
for spec in "each invalidation sent at once|--samples 500 --batch-size 1" \
            "batched: 100 or every 100 ms|--samples 200 --batch-size 100 --batch-frequency-ms 100" \
            "every invalidation dropped, reconciliation interval 2 s|--samples 20 --drop 1 --interval-ms 2000"; do
  name=${spec%%|*}; opts=${spec#*|}
  out=$(dotnet $B staleness $opts | tail -1)
  echo "| $name | $(echo "$opts" | sed -n 's/.*--samples \([0-9]*\).*/\1/p') | $(echo "$out" | field p50_ms) | $(echo "$out" | field p99_ms) | $(echo "$out" | field max_ms) |"
done
fi
if [ "$PART" = all ] || [ "$PART" = telemetry ]; then
# The cost of metrics and traces: the same get, listeners off and on, interleaved twice so that the two "none" runs
# show the run-to-run spread.
echo
echo "| 100 B get, 128 in flight | ops/s | / none (first) | p50/p99 µs | alloc B/op |"
echo "|---|---|---|---|---|"
base=""
for listen in none meter activity both none meter activity both; do
  out=$(dotnet $B load --address 127.0.0.1:5711 --inflight 128 --seconds $SECONDS_PER_RUN --warmup 1 --size 100 --op get --listen $listen 2>/dev/null | tail -1)
  ops=$(echo "$out" | field ops/s); [ -z "$base" ] && base=$ops
  echo "| $listen | $ops | $(awk "BEGIN{printf \"%.3f\", $ops/$base}") | $(echo "$out" | field p50_us)/$(echo "$out" | field p99_us) | $(echo "$out" | field alloc_bytes_per_op) |"
done
fi
if [ "$PART" = all ] || [ "$PART" = sql ]; then
# SQL: a 10,000-row SELECT read whole (rows/s) at three cursor buffer sizes, and a point query against GetAsync,
# ours and the official Node.js client on the same member.
echo
echo "| SQL workload | cursor buffer / in flight | ours | Node.js | ours/Node | ours p50/p99 µs | Node p50/p99 µs | ours alloc B/op |"
echo "|---|---|---|---|---|---|---|---|"
for spec in "sql-select 100 1" "sql-select 1000 1" "sql-select 4096 1" "sql-point 4096 16" "get 4096 16"; do
  set -- $spec
  args="--op $1 --size $2 --inflight $3 --seconds $SECONDS_PER_RUN --warmup 1"
  ours=$(dotnet $B sql --address 127.0.0.1:5711 $args | tail -1)
  node=$(cd tests/conformance && node bench/sql.js --address 127.0.0.1:5711 $args 2>/dev/null | tail -1)
  o=$(echo "$ours" | field ops/s); n=$(echo "$node" | field ops/s)
  unit=$([ "$1" = sql-select ] && echo "rows/s" || echo "ops/s")
  echo "| $1 ($unit) | $2 / $3 | $o | $n | $(awk "BEGIN{printf \"%.2f\", $o/$n}") | $(echo "$ours" | field p50_us)/$(echo "$ours" | field p99_us) | $(echo "$node" | field p50_us)/$(echo "$node" | field p99_us) | $(echo "$ours" | field alloc_bytes_per_op) |"
done
fi
