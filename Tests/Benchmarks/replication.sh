#!/usr/bin/env bash
# Replication benchmark (issue 4): over 127.0.0.1, tern-xfer push into tern-recv in each mode with
# 1 KiB and 64 KiB sessions, sync round trips, a pull of 100,000 x 1 KiB sessions and the receiver's
# peak RSS holding them, each beside the loopback limits measured in the same run: iperf3 (one
# stream) for bandwidth and sockperf ping-pong (1 KiB, full round trip) for latency.
# Usage: replication.sh BIN_DIR   (run inside a private network namespace: .ci/netns-run)
# Each push row and the pull: the median of RUNS runs (default 3).
# Load comes from tern-xfer push's hidden generator (--generate N --size S): N sessions of context
# "load", one attribute of S bytes each, made on the fly.
# KEY_FILE=FILE: every tool gets --key-file FILE, so connections are keyed and sealed (docs/SECURITY.md).
set -euo pipefail
bin=$1
runs=${RUNS:-3}
keyed=()
if [[ -n ${KEY_FILE:-} ]]; then keyed=(--key-file "$KEY_FILE"); fi
work=$(mktemp -d "${TMPDIR:-/tmp}/tern-repl-bench.XXXXXX")
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT

if [[ ${TERN_PRIVATE_NETNS:-} != 1 ]]; then
    echo "replication.sh: run me inside .ci/netns-run (a private network namespace)" >&2
    exit 64
fi

# start_receiver [ARG...]: a fresh tern-recv on a free port; sets $addr and $recv_pid.
start_receiver() {
    # Emptied here, not by the child's redirection: the loop below may read before the child runs,
    # and must neither miss the file nor find the previous receiver's address in it.
    : > "$work/recv.out"
    "$bin/tern-recv" --listen 127.0.0.1:0 --quiet "${keyed[@]}" "$@" >> "$work/recv.out" 2> "$work/recv.err" &
    recv_pid=$!
    pids+=("$recv_pid")
    for _ in $(seq 200); do
        addr=$(sed -n 's/.*listening on \([^ ]*\).*/\1/p' "$work/recv.out")
        [[ -n $addr ]] && return 0
        sleep 0.05
    done
    echo "tern-recv did not start: $(cat "$work/recv.err")" >&2
    exit 1
}

stop_receiver() {
    kill -TERM "$recv_pid"
    wait "$recv_pid" || true
}

field() { # field NAME JSON_LINE
    jq -r ".$1 // empty" <<< "$2"
}

# push MODE COUNT SIZE: one row of the table: the run with the median rate of $runs, each against a
# fresh receiver, from push's JSON summary.
push_row() {
    local mode=$1 count=$2 size=$3 line lines=()
    for _ in $(seq "$runs"); do
        start_receiver
        lines+=("$("$bin/tern-xfer" push "${keyed[@]}" --to "$addr" --mode "$mode" --generate "$count" --size "$size" --json | tail -n 1)")
        stop_receiver
    done
    line=$(printf '%s\n' "${lines[@]}" | jq -s -c 'sort_by(.messagesPerSecond) | .[(length - 1) / 2 | floor]')
    local rate mbs p50 p99
    rate=$(field messagesPerSecond "$line"); mbs=$(field megabytesPerSecond "$line")
    p50=$(field roundTripP50Micros "$line"); p99=$(field roundTripP99Micros "$line")
    printf '| push %s %s | %s | %.0f | %.1f | %s | %s |\n' "$mode" "$size" "$count" "$rate" "$mbs" "${p50:-—}" "${p99:-—}"
}

# Loopback limits.
iperf3 -s -1 -p 5299 > /dev/null 2>&1 &
pids+=($!)
sleep 0.3
iperf_mbs=$(iperf3 -c 127.0.0.1 -p 5299 -t 3 -J | jq '.end.sum_received.bits_per_second / 8e6')
sockperf sr --tcp -i 127.0.0.1 -p 5298 > /dev/null 2>&1 &
sockperf_pid=$!
pids+=("$sockperf_pid")
sleep 0.3
sockperf pp --tcp -i 127.0.0.1 -p 5298 -t 3 -m 1024 --full-rtt > "$work/sockperf.out" 2>&1
kill "$sockperf_pid" 2>/dev/null || true
rtt_p50=$(sed -n 's/.*percentile 50.000 = *\([0-9.]*\).*/\1/p' "$work/sockperf.out")
rtt_p99=$(sed -n 's/.*percentile 99.000 = *\([0-9.]*\).*/\1/p' "$work/sockperf.out")

echo
echo "### Replication over 127.0.0.1${KEY_FILE:+ (keyed: sealed with AES-256-GCM)}: $(nproc) cores, $(date -u +%Y-%m-%d), $(uname -r)"
echo
echo "Loopback limits: iperf3 one stream $(printf '%.0f' "$iperf_mbs") MB/s; sockperf TCP ping-pong (1 KiB) round trip p50 $rtt_p50 µs, p99 $rtt_p99 µs."
echo
echo "| run (median of $runs) | messages | msg/s | MB/s | round trip p50 µs | p99 µs |"
echo "|---|---|---|---|---|---|"
push_row async 300000 1K
push_row pooled 200000 1K
push_row sync 50000 1K
push_row async 8000 64K
push_row pooled 8000 64K
push_row sync 3000 64K

# Pull of 100,000 x 1 KiB sessions, and the receiver's peak RSS holding them.
"$bin/tern-snap" generate --sessions 100000 --attrs 1 --attr-bytes 1K --tombstone-percent 0 --contexts 4 \
    --seed 9 -o "$work/100k.tsnap"
snapshot_bytes=$(stat -c %s "$work/100k.tsnap")
start_receiver --serve-state
"$bin/tern-xfer" push "${keyed[@]}" --to "$addr" --mode async "$work/100k.tsnap" > /dev/null
rss_kib=$(awk '/^VmHWM:/ { print $2 }' "/proc/$recv_pid/status")
pulls=()
for _ in $(seq "$runs"); do
    /usr/bin/time -f "%e %M" -o "$work/pull.time" "$bin/tern-xfer" pull "${keyed[@]}" --from "$addr" -o "$work/pulled.tsnap" > /dev/null
    pulls+=("$(cat "$work/pull.time")")
done
read -r pull_seconds pull_rss < <(printf '%s\n' "${pulls[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
pulled_bytes=$(stat -c %s "$work/pulled.tsnap")
stop_receiver
"$bin/tern-snap" diff "$work/100k.tsnap" "$work/pulled.tsnap" > /dev/null && same=identical || same=DIFFERENT
awk -v s="$pull_seconds" -v b="$pulled_bytes" -v r="$pull_rss" \
    'BEGIN { printf "| pull 100,000 x 1 KiB (%.1f MB) | 100000 | %.0f | %.1f | — | — |\n", b / 1e6, 100000 / s, b / s / 1e6 }'
echo
awk -v r="$rss_kib" -v b="$snapshot_bytes" -v p="$pull_rss" -v same="$same" 'BEGIN {
    printf "Peak RSS of tern-recv holding 100,000 x 1 KiB sessions: %.1f MiB for %.1f MiB of records (%.2fx). ", r / 1024, b / 1048576, r * 1024 / b
    printf "Peak RSS of the pull: %.1f MiB. Pulled snapshot vs the pushed one: %s.\n", p / 1024, same }'
