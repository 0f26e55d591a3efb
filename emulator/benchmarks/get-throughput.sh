#!/usr/bin/env bash
# GET throughput of the packaged jar against the cost model in DESIGN.md: a stored resource's GET
# (route, api-version gate, subscription check, settle fast path, one primary-key read) and an Azure ML
# compute's GET (the same plus the read of its cluster that C1's derived state needs), compared with a
# bare control-API route that touches no store. Needs wrk (apt-get install -y wrk).
# Usage: emulator/benchmarks/get-throughput.sh [seconds]   (after mvn package)
set -euo pipefail
secs=${1:-10}
jar="$(dirname "$0")/../target/aml-aks-emulator.jar"
port=18482
base="http://127.0.0.1:$port"
sub=00000000-0000-4000-8000-000000000001
auth='Authorization: Bearer benchmark'
java -jar "$jar" --in-memory --http-port "$port" --https-port 0 --clock manual --log-level warn >/dev/null 2>&1 &
pid=$!
trap 'kill $pid' EXIT
until curl -fs -o /dev/null "$base/_emulator/health"; do sleep 0.05; done
curl -fsS -o /dev/null -X POST "$base/_emulator/scenarios/seed-walkthrough"
ws="$base/subscriptions/$sub/resourceGroups/myresourcegroup/providers/Microsoft.MachineLearningServices/workspaces/myworkspace"
cluster="/subscriptions/$sub/resourcegroups/myresourcegroup/providers/Microsoft.ContainerService/managedClusters/myexistingcluster"
curl -fsS -o /dev/null -X PUT "$ws/computes/myaks?api-version=2022-10-01" -H "$auth" -H 'Content-Type: application/json' \
     -d '{"location":"westus","properties":{"computeType":"AKS","resourceId":"'"$cluster"'"}}'
curl -fsS -o /dev/null -X POST "$base/_emulator/clock/advance?seconds=300"
rg="$base/subscriptions/$sub/resourcegroups/myresourcegroup?api-version=2021-04-01"
compute="$ws/computes/myaks?api-version=2022-10-01"
curl -fsS "$compute" -H "$auth" | grep -q '"provisioningState":"Succeeded"'
wrk -t2 -c16 -d5s -H "$auth" "$rg" >/dev/null                      # warm-up
echo "bare route (GET /_emulator/clock):"
wrk -t2 -c16 -d"${secs}s" "$base/_emulator/clock" | grep -E "Requests/sec|Latency"
echo "ARM GET of a resource group:"
wrk -t2 -c16 -d"${secs}s" -H "$auth" "$rg" | grep -E "Requests/sec|Latency|Non-2xx"
echo "ARM GET of an attached Azure ML AKS compute:"
wrk -t2 -c16 -d"${secs}s" -H "$auth" "$compute" | grep -E "Requests/sec|Latency|Non-2xx"
