#!/usr/bin/env bash
# make demo: the HOW-TO's scenario with three tern-nodes and a tern-ping observer, narrated, with real
# HTTP calls (curl), inside a private network namespace this script creates and always deletes.
# Ends with tern-xfer pull from every node and tern-snap diff between them, and a verdict line.
#
# Usage: TERN_BIN_DIR=.build/release Tests/Demo/demo.sh   (make demo sets it)
set -euo pipefail

BIN=${TERN_BIN_DIR:-$(cd "$(dirname "$0")/.." && pwd)/.build/release}
for tool in tern-node tern-ping tern-xfer tern-snap; do
    [[ -x $BIN/$tool ]] || { echo "demo: $BIN/$tool is missing; run make build (or set TERN_BIN_DIR)" >&2; exit 69; }
done
command -v curl >/dev/null || { echo "demo: curl is missing (make deps installs it)" >&2; exit 69; }

# The namespace: a named one as root (deleted by the trap), else an unprivileged one that ends with
# this script. Nothing in it can reach a real network: it has only its own loopback.
if [[ ${TERN_DEMO_INSIDE:-} != 1 ]]; then
    if ((EUID != 0)); then
        exec unshare --user --map-root-user --net -- env TERN_DEMO_INSIDE=1 TERN_DEMO_NS= bash "$0" "$@"
    fi
    NS=tern-demo-$$
    ip netns add "$NS"
    trap 'ip netns del "$NS" 2>/dev/null || true' EXIT
    TERN_DEMO_INSIDE=1 TERN_DEMO_NS=$NS TERN_BIN_DIR=$BIN bash "$0" "$@" && status=0 || status=$?
    exit "$status"
fi

NS=${TERN_DEMO_NS:-}
# The prefix that runs a command in the namespace; it execs, so $! of a background job is the tool's pid.
IN_NS=()
[[ -z $NS ]] || IN_NS=(ip netns exec "$NS")
in_ns() { "${IN_NS[@]}" "$@"; }
in_ns ip link set lo up
in_ns ip link set lo multicast on
in_ns ip route add 224.0.0.0/4 dev lo src 127.0.0.1

TMP=$(mktemp -d "${TMPDIR:-/tmp}/tern-demo.XXXXXX")
declare -A PIDS=()
cleanup() {
    for pid in "${PIDS[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$TMP"
}
trap cleanup EXIT

MEMBERSHIP=(--group 228.0.0.4:45564 --interval 200ms --drop-time 1s)
# Every tool gets the cluster key (shown as cluster.key: the file is in $TMP).
KEY=(--key-file "$TMP/cluster.key")
bold=$'\e[1m' dim=$'\e[2m' plain=$'\e[0m'
[[ -t 1 && -z ${NO_COLOR:-} ]] || bold='' dim='' plain=''
START=$SECONDS
say() { printf '\n%s# %s%s\n' "$bold" "$*" "$plain"; }
show() { printf '%s$ %s%s\n' "$dim" "$*" "$plain"; }

port() { case $1 in a) echo 1;; b) echo 2;; c) echo 3;; esac; }
http_of() { echo "127.0.0.1:808$(port "$1")"; }

start_node() { # NAME [LOG]: starts it in the background, its events in $TMP/LOG.log (LOG: NAME)
    local name=$1 log=${2:-$1} p; p=$(port "$1")
    show "tern-node --name $name --listen 127.0.0.1:400$p --http 127.0.0.1:808$p --id-file $name.id --data-dir $name/ ${MEMBERSHIP[*]} --key-file cluster.key &"
    mkdir -p "$TMP/$name"
    "${IN_NS[@]}" "$BIN/tern-node" --name "$name" --listen "127.0.0.1:400$p" --http "127.0.0.1:808$p" \
        --id-file "$TMP/$name.id" --data-dir "$TMP/$name" --touch-interval 500ms "${MEMBERSHIP[@]}" "${KEY[@]}" \
        >"$TMP/$log.log" 2>"$TMP/$log.err" &
    PIDS[$name]=$!
}

wait_for() { # LOG PATTERN: waits (10 s at most) for a line of a node's event log, then prints it
    local deadline=$((SECONDS + 10))
    until grep -q -- "$2" "$TMP/$1.log"; do
        ((SECONDS < deadline)) || { echo "demo: $1 never logged '$2'" >&2; cat "$TMP/$1.log" "$TMP/$1.err" >&2; exit 1; }
        sleep 0.05
    done
    grep -- "$2" "$TMP/$1.log" | tail -1 | sed "s/^/  ${1:0:1}| /"
}

# curl METHOD NODE PATH [BODY]: shows the command, then the status, the Tern- headers and the body.
call() {
    local method=$1 node=$2 path=$3 body=${4:-} url
    url="http://$(http_of "$node")$path"
    if [[ -n $body ]]; then show "curl -si -X $method $url -d '$body'"; else show "curl -si -X $method $url"; fi
    in_ns curl -si -X "$method" "$url" ${body:+-d "$body"} >"$TMP/reply" || true
    tr -d '\r' <"$TMP/reply" | awk 'NR == 1 || /^Tern-/ {print "  " $0} /^$/ {body = 1; next} body {print "  " $0}'
}
session_id() { tr -d '\r' <"$TMP/reply" | sed -n 's/.*"id":"\([^"]*\)".*/\1/p' | tail -1; }
status_of() { head -1 "$TMP/reply" | awk '{print $2}'; }
listed() { in_ns curl -s "http://$(http_of "$1")/v1/contexts/shop/sessions" | grep -q "\"$2\""; }

say "a private network namespace ${NS:-(unprivileged)}: only its loopback, multicast routed to it"
say "a cluster key for every member: heartbeats are signed and checked (docs/SECURITY.md)"
show "tern-node keygen -o cluster.key"
"$BIN/tern-node" keygen -o "$TMP/cluster.key" 2>&1 | sed "s|$TMP/||; s/^/  /"
show "tern-ping --listen-only ${MEMBERSHIP[*]} --key-file cluster.key &     (an observer: prints who joins, leaves, dies)"
"${IN_NS[@]}" "$BIN/tern-ping" --listen-only "${MEMBERSHIP[@]}" "${KEY[@]}" >"$TMP/observer.log" 2>&1 &
PIDS[observer]=$!

say "A starts alone: one discovery window, nobody ready to ask, so it is ready at once"
start_node a
wait_for a "ready with"
wait_for a "HTTP on"

say "B starts: it asks the oldest ready member (A) for its state before opening HTTP"
start_node b
wait_for b "asking a"
wait_for b "ready with"
wait_for b "HTTP on"
say "C starts the same way"
start_node c
wait_for c "ready with"
wait_for c "HTTP on"
wait_for a "replicating to c"

say "a session created on A: the write returns once B and C acknowledged it (--replication sync)"
call POST a /v1/contexts/shop/sessions '{"attributes": {"user": "ada", "cart": [1, 2]}, "maxInactive": 600}'
ID=$(session_id)
call GET b "/v1/contexts/shop/sessions/$ID"

say "A is killed with SIGKILL: no leaving heartbeat, B and C notice its silence"
show "kill -KILL \$A"
kill -KILL "${PIDS[a]}"
wait "${PIDS[a]}" 2>/dev/null || true
unset 'PIDS[a]'
wait_for b "member a .* dead"
call GET b "/v1/contexts/shop/sessions/$ID"
call PATCH c "/v1/contexts/shop/sessions/$ID" '{"set": {"cart": [1, 2, 3]}}'

say "A restarts with the same id: it takes B's state (the oldest ready member now) before opening HTTP"
start_node a a2
wait_for a2 "asking"
wait_for a2 "ready with"
wait_for a2 "HTTP on"
call GET a "/v1/contexts/shop/sessions/$ID"

say "invalidated on A, gone on B"
wait_for a2 "replicating to c"
call DELETE a "/v1/contexts/shop/sessions/$ID"
call GET b "/v1/contexts/shop/sessions/$ID"

say "a new session on B with a 3 s max inactive: nobody touches it, and it expires on every node"
call POST b /v1/contexts/shop/sessions '{"attributes": {"user": "bob"}, "maxInactive": 3}'
SHORT=$(session_id)
show "curl -s http://$(http_of a)/v1/contexts/shop/sessions   (listing is not an access; until it is gone)"
deadline=$((SECONDS + 15))
while listed a "$SHORT" || listed b "$SHORT" || listed c "$SHORT"; do
    ((SECONDS < deadline)) || { echo "demo: $SHORT did not expire" >&2; exit 1; }
    sleep 0.2
done
call GET a "/v1/contexts/shop/sessions/$SHORT"
call GET c "/v1/contexts/shop/sessions/$SHORT"

say "every node's state, pulled with tern-xfer, compared with tern-snap diff"
verdict=0
for node in a b c; do
    show "tern-xfer pull --from 127.0.0.1:400$(port $node) --key-file cluster.key -o $node.tsnap"
    in_ns "$BIN/tern-xfer" pull --from "127.0.0.1:400$(port $node)" "${KEY[@]}" -o "$TMP/$node.tsnap" | sed 's/^/  /'
done
for other in b c; do
    show "tern-snap diff a.tsnap $other.tsnap"
    if "$BIN/tern-snap" diff "$TMP/a.tsnap" "$TMP/$other.tsnap" >"$TMP/diff"; then
        echo "  (no differences: exit 0)"
    else
        sed 's/^/  /' "$TMP/diff"
        verdict=1
    fi
done

say "the observer's view of the cluster"
grep -E "joined|left|dead|restarted" "$TMP/observer.log" | sed 's/^/  /' || true

say "SIGTERM: each node closes HTTP, announces leaving, finishes replication, writes its snapshot"
for node in a b c; do kill -TERM "${PIDS[$node]}"; done
for node in a b c; do wait "${PIDS[$node]}" || verdict=1; unset "PIDS[$node]"; done
wait_for b "snapshot written"
kill -TERM "${PIDS[observer]}" 2>/dev/null || true

elapsed=$((SECONDS - START))
if ((verdict == 0)); then
    printf '\n%sverdict: the three nodes agree (%d s)%s\n' "$bold" "$elapsed" "$plain"
else
    printf '\n%sverdict: the nodes DISAGREE (%d s)%s\n' "$bold" "$elapsed" "$plain"
fi
exit "$verdict"
