#!/usr/bin/env bash
# Start-up time of the packaged jar: from `java -jar` to the first 200 of /_emulator/health,
# on a fresh data directory (migrations included). Prints each run and the median of N runs.
# Usage: emulator/benchmarks/startup.sh [runs]   (after mvn package)
set -euo pipefail
runs=${1:-5}
jar="$(dirname "$0")/../target/aml-aks-emulator.jar"
port=18480
times=()
for i in $(seq "$runs"); do
    dir=$(mktemp -d)
    start=$(date +%s%N)
    java -jar "$jar" --data-dir "$dir" --http-port "$port" --log-level warn >/dev/null 2>&1 &
    pid=$!
    until curl -fs -o /dev/null "http://127.0.0.1:$port/_emulator/health"; do sleep 0.01; done
    end=$(date +%s%N)
    kill "$pid"; wait "$pid" 2>/dev/null || true
    rm -rf "$dir"
    ms=$(( (end - start) / 1000000 ))
    echo "run $i: ${ms} ms"
    times+=("$ms")
done
median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
echo "median of $runs: ${median} ms"
