#!/usr/bin/env bash
# tern-node benchmark (issue 5), over loopback in a private network namespace:
# - HTTP writes (POST of a session with a 256 B attribute) on a node with two peers, in each
#   replication mode: requests per second and latency percentiles from wrk;
# - the RSS of a node holding SESSIONS (default 1,000,000) sessions of 256 B, pushed into its
#   replication port with tern-xfer push's generator (goal: <= 2 x the attribute bytes + 100 B a
#   session);
# - the seconds a new node takes to be ready (its state transferred) in a cluster holding
#   READY_SESSIONS (default 100,000) sessions of 1 KiB.
# Usage: node.sh BIN_DIR   (inside .ci/netns-run; needs wrk, jq, curl)
# MODES="sync" (or empty) and SESSIONS=0 shorten a run while working on one part.
set -euo pipefail
bin=$1
sessions=${SESSIONS:-1000000}
ready_sessions=${READY_SESSIONS:-100000}
http_seconds=${HTTP_SECONDS:-5}
work=$(mktemp -d "${TMPDIR:-/tmp}/tern-node-bench.XXXXXX")
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

if [[ ${TERN_PRIVATE_NETNS:-} != 1 ]]; then
    echo "node.sh: run me inside .ci/netns-run (a private network namespace)" >&2
    exit 64
fi
for tool in wrk jq curl; do
    command -v "$tool" > /dev/null || { echo "node.sh: $tool is missing (make deps installs it)" >&2; exit 69; }
done

group=239.77.0.1:45700
# start_node NAME INDEX [ARG...]: a node on replication port 4100+INDEX and HTTP port 8100+INDEX;
# sets $node_pid. Its JSON event lines go to $work/NAME.out.
start_node() {
    local name=$1 index=$2
    shift 2
    "$bin/tern-node" --name "$name" --group "$group" --interval 100ms --drop-time 1s \
        --listen "127.0.0.1:$((4100 + index))" --http "127.0.0.1:$((8100 + index))" --json "$@" \
        > "$work/$name.out" 2> "$work/$name.err" &
    node_pid=$!
    pids+=("$node_pid")
}

# wait_ready INDEX: until the node's /readyz answers 200 (at most 120 s).
wait_ready() {
    for _ in $(seq 1200); do
        curl -sf "http://127.0.0.1:$((8100 + $1))/readyz" > /dev/null && return 0
        sleep 0.1
    done
    echo "node.sh: node $1 did not become ready" >&2
    exit 1
}

stop_all() {
    for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    pids=()
}

now_ms() { date +%s%3N; }

if ldd "$bin/tern-node" 2>/dev/null | grep -q 'libswiftCore'; then
    linked="Swift runtime linked dynamically (not what make build installs)"
else
    linked="Swift runtime linked statically (make build)"
fi
echo
echo "### tern-node: $(nproc) cores, $(date -u +%Y-%m-%d), $linked"
echo
echo "HTTP writes: POST /v1/contexts/bench/sessions with one 256 B attribute, wrk -t1 -c16 for ${http_seconds} s,"
echo "on node a of three (a, b, c); every write replicated to b and c."
echo
echo "| mode | requests/s | p50 ms | p99 ms | a's CPU s per 1,000 writes |"
echo "|---|---|---|---|---|"
value=$(head -c 192 /dev/zero | base64 -w0)  # 256 characters
cat > "$work/post.lua" << EOF
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"attributes": {"cart": "$value"}}'
EOF
for mode in ${MODES-sync pooled async}; do
    start_node a 0 --replication "$mode"
    a_pid=$node_pid
    start_node b 1 --replication "$mode"
    start_node c 2 --replication "$mode"
    for index in 0 1 2; do wait_ready "$index"; done
    # Until a has a sender to both peers: its /v1/members lists three ready members.
    for _ in $(seq 100); do
        [[ $(curl -sf http://127.0.0.1:8100/v1/members | jq '[.members[] | select(.state == "ready")] | length') == 3 ]] && break
        sleep 0.1
    done
    cpu_before=$(awk '{print $14 + $15}' "/proc/$a_pid/stat")
    wrk -t1 -c16 -d"${http_seconds}s" --latency -s "$work/post.lua" http://127.0.0.1:8100/v1/contexts/bench/sessions \
        > "$work/wrk.out"
    cpu_after=$(awk '{print $14 + $15}' "/proc/$a_pid/stat")
    rate=$(sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p' "$work/wrk.out")
    requests=$(sed -n 's/^ *\([0-9]*\) requests in.*/\1/p' "$work/wrk.out")
    p50=$(awk '$1 == "50%" {print $2}' "$work/wrk.out")
    p99=$(awk '$1 == "99%" {print $2}' "$work/wrk.out")
    ticks=$(getconf CLK_TCK)
    cpu=$(awk -v t=$((cpu_after - cpu_before)) -v hz="$ticks" -v n="$requests" 'BEGIN { printf "%.3f", t / hz / n * 1000 }')
    printf '| %s | %.0f | %s | %s | %s |\n' "$mode" "$rate" "$p50" "$p99" "$cpu"
    stop_all
done

[[ $sessions -gt 0 ]] || exit 0
echo
echo "Memory: a node holding $sessions sessions of one 256 B attribute (tern-xfer push --mode async"
echo "into its replication port); RSS from /proc/PID/smaps_rollup."
echo
start_node m 0
m_pid=$node_pid
wait_ready 0
base_kib=$(awk '/^Rss:/ {print $2}' "/proc/$m_pid/smaps_rollup")
"$bin/tern-xfer" push --to 127.0.0.1:4100 --mode async --generate "$sessions" --size 256 --json > "$work/push.out"
held=$(curl -sf http://127.0.0.1:8100/metrics | awk '/^tern_sessions\{/ {sum += $2} END {print sum + 0}')
rss_kib=$(awk '/^Rss:/ {print $2}' "/proc/$m_pid/smaps_rollup")
per_session=$(( rss_kib * 1024 / sessions ))
added=$(( (rss_kib - base_kib) * 1024 / sessions ))
goal=$(( 2 * 256 + 100 ))
echo "| sessions held | RSS idle | RSS holding them | RSS / sessions | growth / sessions | goal (RSS / sessions) |"
echo "|---|---|---|---|---|---|"
printf '| %s | %s MiB | %s MiB | %s B | %s B | <= %s B: %s |\n' "$held" "$(awk -v k="$base_kib" 'BEGIN { printf "%.1f", k / 1024 }')" \
    "$(awk -v k="$rss_kib" 'BEGIN { printf "%.1f", k / 1024 }')" "$per_session" "$added" "$goal" \
    "$( ((per_session <= goal)) && echo met || echo "not met")"
stop_all

echo
echo "Start-up: a new node joining a cluster whose ready member holds $ready_sessions sessions of 1 KiB."
echo
start_node s 0
wait_ready 0
"$bin/tern-xfer" push --to 127.0.0.1:4100 --mode async --generate "$ready_sessions" --size 1024 --json > "$work/push.out"
started=$(now_ms)
start_node t 1
wait_ready 1
ready=$(now_ms)
transfer=$(jq -c 'select(.event == "ready")' "$work/t.out" | head -n 1)
echo "| sessions | start to ready (s) | transferred | note |"
echo "|---|---|---|---|"
printf '| %s | %s | %s | includes the discovery window (two intervals, at least 1 s) |\n' "$ready_sessions" \
    "$(awk -v ms=$((ready - started)) 'BEGIN { printf "%.2f", ms / 1000 }')" "$(jq -r '.transferred // .records // "?"' <<< "$transfer")"
stop_all
