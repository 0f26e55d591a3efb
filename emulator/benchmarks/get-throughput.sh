#!/usr/bin/env bash
# GET throughput of the packaged jar against the cost model in DESIGN.md: a stored resource's GET
# (route, api-version gate, subscription check, settle fast path, one primary-key read) compared
# with a bare control-API route that touches no store. Needs wrk (apt-get install -y wrk).
# Usage: emulator/benchmarks/get-throughput.sh [seconds]   (after mvn package)
set -euo pipefail
secs=${1:-10}
jar="$(dirname "$0")/../target/aml-aks-emulator.jar"
port=18482
base="http://127.0.0.1:$port"
sub=00000000-0000-4000-8000-000000000001
java -jar "$jar" --in-memory --http-port "$port" --log-level warn >/dev/null 2>&1 &
pid=$!
trap 'kill $pid' EXIT
until curl -fs -o /dev/null "$base/_emulator/health"; do sleep 0.05; done
curl -fsS -o /dev/null -X PUT "$base/subscriptions/$sub/resourcegroups/bench?api-version=2021-04-01" \
     -H 'Content-Type: application/json' -d '{"location":"westus"}'
rg="$base/subscriptions/$sub/resourcegroups/bench?api-version=2021-04-01"
wrk -t2 -c16 -d5s "$rg" >/dev/null                      # warm-up
echo "bare route (GET /_emulator/clock):"
wrk -t2 -c16 -d"${secs}s" "$base/_emulator/clock" | grep -E "Requests/sec|Latency"
echo "ARM GET of a resource group:"
wrk -t2 -c16 -d"${secs}s" "$rg" | grep -E "Requests/sec|Latency"
