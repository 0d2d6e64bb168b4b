import TernCommands
import TernNetMembership
import TernCommandSupport
/// The long help of `tern-node`: behaviour, the event log's fields and exit statuses (also the man page).
enum NodeHelp {
    static let discussion = """
        A node joins the membership as "starting" (a heartbeat every --interval to --group, advertising \
        --listen), listens one discovery window (two intervals, at least 1 s), then asks the oldest \
        member announcing "ready" for all its sessions (a state transfer), holding the replication that \
        arrives meanwhile and applying it afterwards. With no ready member it loads its own snapshot \
        (--data-dir); with one, the snapshot is merged newest-wins after the transfer. Only then does it \
        announce "ready", answer state requests (before, they get "not ready" at once, so two nodes \
        starting together never wait for each other) and open --http. A source silent for \
        --state-timeout is named in a log line and the node goes on, or with --require-state exits.

        Each write (POST, PUT, PATCH, DELETE) is replicated to every member that announces an endpoint, \
        and answers as --replication says; the Tern-Acknowledged header counts the peers that \
        acknowledged it, Tern-Peers those it was sent to. Expiry is checked every second and replicated at \
        once; reads replicate their access times every --touch-interval. The routes are in docs/HTTP.md: \
        /v1/contexts/CTX/sessions[/ID], /v1/members, /healthz, /readyz, /metrics. With --http-token-file, \
        every route but /healthz and /readyz needs 'Authorization: Bearer TOKEN' with a line of the file \
        (401 otherwise); a body over --http-max-body is answered 413 before it is read.

        Anti-entropy repairs what replication missed (a partition, a member that was away, a write \
        given up): a member that comes back, and every --anti-entropy-interval the next ready member in \
        turn, compares digests of (session, version) with this node and the two exchange the records \
        where they differ, newest wins (docs/ANTI-ENTROPY.md).

        Examples:
          tern-node --name a --data-dir /var/lib/tern            (under systemd)
          tern-node --name b --listen :4001 --http 127.0.0.1:8081 --replication async
          tern-node --name c --http 10.0.0.5:8080 --http-token-file /etc/tern/http.tokens
          curl -s -X POST localhost:8080/v1/contexts/shop/sessions -d '{"attributes": {"user": "ada"}}'

        SIGINT and SIGTERM shut down in order: HTTP closes, the node announces leaving, finishes the \
        replication in flight, writes the snapshot, closes the receiver and leaves the group; exit 0. \
        SIGUSR1 writes the snapshot.

        Standard output gets events, one per line (logs go to standard error, --log-level). JSON fields \
        (--json), every line: event, time. listening: address, advertised. state-request: member, name, \
        endpoint. state-failed: outcome (timed-out, failed), peer, transferred, silentMs, reason, message. \
        snapshot-loaded: path, records. ready: records, and after a transfer outcome, peer, transferred, \
        queuedApplied, message. http: address. member: kind (joined, changed, restarted, left, dead), \
        member, name, state, endpoint, source. peer: member, name, endpoint (null when replication to it \
        stops). anti-entropy (a round that found differences or failed): member, name, reason \
        (came-back, periodic), outcome (repaired, transferred, failed), buckets, pushed, pulled, message \
        (failed only). snapshot: path, records, reason (timer, signal, exit). leaving. stopped: records.

        EXIT STATUS: \(ExitStatus.table). With --require-state, 75 when the state source went silent and \
        69 when it failed.
        """
}
