#!/usr/bin/env bash
# Measures start-up time, memory and throughput of the packaged gateway on this machine, against its embedded demo
# upstream, on 127.0.0.1 only. Needs wrk (Debian package "wrk") and a packaged jar (./mvnw -B package -DskipTests).
# Every load run is bounded by wrk's -d duration.
set -euo pipefail
cd "$(dirname "$0")/../.."

PORT=${PORT:-18480}
DURATION=${DURATION:-20s}
JAR=target/quarkus-app/quarkus-run.jar
URL="http://127.0.0.1:$PORT/aggregates/dashboard?userId=u-1001"

run_gateway() {
    local log=$1
    shift
    local start
    start=$(date +%s%N)
    java -Xmx128m "$@" -Dquarkus.http.port="$PORT" -jar "$JAR" > "$log" 2>&1 &
    GATEWAY_PID=$!
    for _ in $(seq 1 300); do
        if grep -q "Listening on" "$log"; then
            echo "start-up to listening: $(( ($(date +%s%N) - start) / 1000000 )) ms (wall clock, JVM start included)"
            echo "RSS after start-up: $(( $(ps -o rss= -p "$GATEWAY_PID") / 1024 )) MiB"
            return
        fi
        sleep 0.1
    done
    echo "gateway did not start; see $log" >&2
    kill "$GATEWAY_PID"
    exit 1
}

stop_gateway() {
    kill "$GATEWAY_PID"
    wait "$GATEWAY_PID" 2>/dev/null || true
}

echo "== overhead: demo upstream without failures or latency"
run_gateway /tmp/gateway-bench-1.log -Dgateway.demo.failure-ratio=0 -Dgateway.demo.latency=0ms
curl -fsS "$URL" > /dev/null
wrk -t2 -c32 -d"$DURATION" --latency "$URL" | grep -E "Requests/sec|50%|99%|Non-2xx|Socket errors" || true
echo "RSS after load: $(( $(ps -o rss= -p "$GATEWAY_PID") / 1024 )) MiB"
stop_gateway

echo "== default demo: half of the first attempts fail with 503, up to 50 ms latency"
run_gateway /tmp/gateway-bench-2.log
wrk -t2 -c32 -d"$DURATION" --latency "$URL" | grep -E "Requests/sec|50%|99%|Non-2xx|Socket errors" || true
echo "RSS after load: $(( $(ps -o rss= -p "$GATEWAY_PID") / 1024 )) MiB"
stop_gateway
