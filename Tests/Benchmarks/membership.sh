#!/usr/bin/env bash
# Membership benchmark (issue "Membership"): join and failure-detection latency (median and p99 over
# TRIALS runs), heartbeats per second one tern-ping receives and accounts for, and CPU and RSS of an
# idle member in a 10-member group. Latencies come from the times tern-ping stamps on its own events.
# Usage: membership.sh BIN_DIR   (TRIALS=20, FLOOD=500000 heartbeats per rate, IDLE_SECONDS=60;
# KEY_FILE=PATH runs every member with --key-file PATH: signed heartbeats, checked on arrival)
# Multicast stays inside the private network namespace .ci/netns-run makes (make bench runs it so).
# Measure the binaries `make build` makes (make bench does): release, Swift runtime linked statically,
# linked by lld (Makefile, RELEASE_FLAGS). A plain `swift build -c release` maps libswiftCore.so and
# libFoundationEssentials.so instead, and its idle RSS is about 5 MiB higher; the heading says which it ran.
set -euo pipefail
bin=$1
ping="$bin/tern-ping"
trials=${TRIALS:-20}
flood=${FLOOD:-500000}
idle_seconds=${IDLE_SECONDS:-60}
keyargs=()
if [[ -n ${KEY_FILE:-} ]]; then keyargs=(--key-file "$KEY_FILE"); fi
if [[ ${TERN_PRIVATE_NETNS:-} != 1 ]]; then
    echo "membership.sh: sends multicast; run it inside .ci/netns-run (make bench does)" >&2
    exit 77
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/tern-bench-membership.XXXXXX")
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT

now_ms() { date +%s%3N; }
# The milliseconds since the epoch of an RFC 3339 time.
ms() { date -d "$1" +%s%3N; }
# field LINE NAME: the value of a top-level string or number field of a JSON line.
field() { sed -n "s/^{.*\"$2\":\"\{0,1\}\([^\",}]*\).*/\1/p" <<<"$1" | head -n 1; }
# wait_for FILE PATTERN: the first line of FILE matching PATTERN, waiting up to 20 s for it.
wait_for() {
    local deadline=$(( $(now_ms) + 20000 )) line
    while true; do
        line=$(grep -m 1 -e "$2" "$1" 2>/dev/null || true)
        if [[ -n $line ]]; then printf '%s\n' "$line"; return 0; fi
        if (( $(now_ms) > deadline )); then echo "membership.sh: no '$2' in $1 within 20 s" >&2; return 1; fi
        sleep 0.02
    done
}
# event FILE KIND NAME: the first KIND event about member NAME in FILE (waits).
event() { wait_for "$1" "^{\"event\":\"$2\".*\"name\":\"$3\""; }
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
# memory_kib PID: RSS, PSS (shared pages divided among the processes mapping them) and private dirty.
memory_kib() { awk '/^Rss:/ { r = $2 } /^Pss:/ { p = $2 } /^Private_Dirty:/ { d = $2 } END { print r, p, d }' "/proc/$1/smaps_rollup"; }
# stats: median and p99 (nearest rank) of the numbers on stdin.
stats() { sort -n | awk '{ a[NR] = $1 } END { p = int(NR * 0.99 + 0.999); printf "%d %d %d\n", a[int((NR + 1) / 2)], a[p], NR }'; }
start() { # start NAME FILE ARGS...: a tern-ping in the background, its pid in $started
    local name=$1 file=$2; shift 2
    "$ping" --name "$name" --json "${keyargs[@]}" "$@" > "$file" 2>>"$work/stderr" &
    started=$!
    pids+=("$started")
}
start_killable() { # start_killable NAME FILE: as start, in a subshell, so SIGKILL is not reported as a job
    rm -f "$work/pid"
    ( "$ping" --name "$1" --json "${keyargs[@]}" > "$2" 2>>"$work/stderr" & echo $! > "$work/pid"; wait ) 2>/dev/null &
    pids+=("$!")
    while [[ ! -s $work/pid ]]; do sleep 0.01; done
    started=$(< "$work/pid")
    pids+=("$started")
}

# How the binary under test was linked: the idle RSS depends on it.
if ldd "$ping" 2>/dev/null | grep -q 'libswiftCore'; then
    linked="Swift runtime linked dynamically (not what make build installs)"
else
    linked="Swift runtime linked statically (make build)"
fi
echo
echo "### Membership: $(nproc) cores, $(date -u +%Y-%m-%d), $(uname -r), interval 500 ms, drop time 3 s"
echo
keyed="unkeyed (an open cluster)"
if (( ${#keyargs[@]} > 0 )); then keyed="keyed (--key-file: heartbeats signed and checked)"; fi
echo "tern-ping: $linked; $keyed"
echo
echo "| measurement | median | p99 | runs | goal |"
echo "|---|---|---|---|---|"

# Join and leave: a new member each trial, next to a watcher that has been up for a while.
start watcher "$work/watcher.jsonl"
watcher=$started
sleep 1
: > "$work/seen" ; : > "$work/sees" ; : > "$work/left"
for i in $(seq "$trials"); do
    start "m$i" "$work/m$i.jsonl"
    member=$started
    seen=$(event "$work/watcher.jsonl" joined "m$i")
    sees=$(event "$work/m$i.jsonl" joined watcher)
    born=$(ms "$(field "$seen" incarnation)")
    echo $(( $(ms "$(field "$seen" time)") - born )) >> "$work/seen"
    echo $(( $(ms "$(field "$sees" time)") - born )) >> "$work/sees"
    signalled=$(now_ms)
    kill -TERM "$member"
    left=$(event "$work/watcher.jsonl" left "m$i")
    echo $(( $(ms "$(field "$left" time)") - signalled )) >> "$work/left"
    wait "$member"
done
read -r median p99 runs < <(stats < "$work/seen")
echo "| join: a running member sees a new one (ms after its start) | $median | $p99 | $runs | — |"
read -r median p99 runs < <(stats < "$work/sees")
echo "| join: a new member sees a running one (ms after its start) | $median | $p99 | $runs | ≤ one interval (500) |"
read -r median p99 runs < <(stats < "$work/left")
echo "| leave: SIGTERM to \`left\` at a peer (ms) | $median | $p99 | $runs | < 100 |"

# Failure detection: SIGKILL, then the watcher's `dead`.
: > "$work/dead"
for i in $(seq "$trials"); do
    start_killable "k$i" "$work/k$i.jsonl"
    member=$started
    event "$work/watcher.jsonl" joined "k$i" > /dev/null
    sleep 0.$(( RANDOM % 10 ))
    killed=$(now_ms)
    kill -KILL "$member"
    dead=$(event "$work/watcher.jsonl" dead "k$i")
    echo $(( $(ms "$(field "$dead" time)") - killed )) >> "$work/dead"
done
read -r median p99 runs < <(stats < "$work/dead")
echo "| failure detection: SIGKILL to \`dead\` at a peer (ms) | $median | $p99 | $runs | ≤ drop time + interval (3500) |"
kill -TERM "$watcher"; wait "$watcher" || true

# Throughput: one listening tern-ping, one sender of numbered heartbeats (a hidden --flood mode),
# paced at a rate or as fast as its socket takes them. Received counts what the listener accounted
# for between the first heartbeat and the leaving; lost counts the sequence gaps it saw.
ticks=$(getconf CLK_TCK)
echo
echo "| throughput: offered | heartbeats | received/s | lost | listener CPU s | received per CPU second | goal |"
echo "|---|---|---|---|---|---|---|"
for rate in 50000 100000 0; do
    start sink "$work/sink-$rate.jsonl" --listen-only
    sink=$started
    sleep 1
    cpu_before=$(cpu_ticks "$sink")
    "$ping" --flood "$flood" --flood-rate "$rate" --name flood "${keyargs[@]}" 2>>"$work/stderr"
    left=$(event "$work/sink-$rate.jsonl" left flood)
    cpu_after=$(cpu_ticks "$sink")
    joined=$(event "$work/sink-$rate.jsonl" joined flood)
    kill -USR1 "$sink"
    summary=$(event "$work/sink-$rate.jsonl" summary flood)
    kill -TERM "$sink"; wait "$sink" || true
    received=$(sed -n 's/.*"multicast":{"received":\([0-9]*\).*/\1/p' <<<"$summary")
    lost=$(sed -n 's/.*"multicast":{[^}]*"lost":\([0-9]*\).*/\1/p' <<<"$summary")
    # The sender pauses 200 ms before its leaving heartbeats (so that receivers drain): not sending time.
    elapsed=$(( $(ms "$(field "$left" time)") - $(ms "$(field "$joined" time)") - 200 ))
    awk -v r="$received" -v e="$elapsed" -v l="$lost" -v c=$(( cpu_after - cpu_before )) -v t="$ticks" \
        -v rate="$rate" 'BEGIN {
        cpu = c / t
        offered = rate > 0 ? sprintf("%d/s", rate) : "as fast as one sender can"
        printf "| %s | %d | %.0f | %d (%.2f%%) | %.2f | %.0f | ≥ 50,000/s |\n",
            offered, r, r / (e / 1000), l, (r + l > 0 ? l * 100 / (r + l) : 0), cpu, (cpu > 0 ? r / cpu : 0)
    }'
done

# An idle member in a 10-member group: CPU and RSS of each over IDLE_SECONDS.
group=()
for i in $(seq 10); do
    start "g$i" "$work/g$i.jsonl"
    group+=("$started")
done
for i in $(seq 10); do event "$work/g1.jsonl" joined "g$(( i == 1 ? 2 : i ))" > /dev/null; done
sleep 2
declare -A before
for pid in "${group[@]}"; do before[$pid]=$(cpu_ticks "$pid"); done
t0=$(now_ms)
sleep "$idle_seconds"
t1=$(now_ms)
: > "$work/idle"
for pid in "${group[@]}"; do
    echo "$(( $(cpu_ticks "$pid") - before[$pid] )) $(memory_kib "$pid")" >> "$work/idle"
done
members=$(grep -c '"event":"joined"' "$work/g1.jsonl")
for pid in "${group[@]}"; do kill -TERM "$pid"; done
for pid in "${group[@]}"; do wait "$pid" || true; done
echo
echo "| idle member, 10-member group, ${idle_seconds} s | mean | best | worst | goal |"
echo "|---|---|---|---|---|"
awk -v t="$ticks" -v ms=$(( t1 - t0 )) '{
        cpu = $1 / t / (ms / 1000) * 100; c += cpu; if (cpu > cw) cw = cpu; if (NR == 1 || cpu < cb) cb = cpu
        r += $2; if ($2 > rw) rw = $2; if (NR == 1 || $2 < rb) rb = $2
        p += $3; if ($3 > pw) pw = $3; if (NR == 1 || $3 < pb) pb = $3
        d += $4; if ($4 > dw) dw = $4; if (NR == 1 || $4 < db) db = $4
    }
    END {
        printf "| CPU %% of one core | %.3f | %.3f | %.3f | < 0.5 |\n", c / NR, cb, cw
        printf "| RSS MiB | %.2f | %.2f | %.2f | ≤ 15 |\n", r / NR / 1024, rb / 1024, rw / 1024
        printf "| PSS MiB (shared code divided among the members) | %.1f | %.1f | %.1f | — |\n", p / NR / 1024, pb / 1024, pw / 1024
        printf "| private dirty MiB | %.1f | %.1f | %.1f | — |\n", d / NR / 1024, db / 1024, dw / 1024
    }' "$work/idle"
echo
echo "g1 saw $members other members join; stderr of all runs: $(wc -l < "$work/stderr") lines"
