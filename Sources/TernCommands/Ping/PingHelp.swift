import TernCommandSupport

/// The long help of `tern-ping`: behaviour, JSON Lines fields and exit statuses (it is also the man page).
enum PingHelp {
    static let discussion = """
        By default tern-ping announces a member (a heartbeat every --interval to --group, and to each \
        --peer by unicast) and listens: it prints a line when a member joins, changes (state, endpoint, \
        name, interval, tags), restarts (same id, newer incarnation), leaves, or is dead (silent for \
        --drop-time). On exit, and on SIGUSR1, it prints the member table: per member and path \
        (multicast, unicast) the heartbeats received, lost (sequence gaps), loss %, loss after the first \
        heartbeat heard (omping's seq>=N), duplicates, jitter, and when last seen. SIGINT and SIGTERM \
        send three leaving heartbeats, print the table and exit 0. Heartbeats of other domains are \
        counted and ignored; both formats (tern, tribes) are read whatever --wire writes.

        With --key-file every heartbeat sent is signed with the file's first key, and only heartbeats \
        signed with one of its keys, and newer than the last one accepted from their member, are \
        admitted; the others are dropped and counted by reason, and the first from each source for \
        each reason is printed: "rejected: bad key from 10.0.0.7:45564 (member 3f2a9c1e, "b", key \
        0123456789abcdef)". Without --key-file, signed heartbeats are dropped ("keyed"), and a warning \
        says that the cluster is open.

        --wire tribes writes Apache Tomcat's heartbeat, so a Tomcat cluster lists tern-ping as a member: \
        it then advertises --announce (default: this host's address, port 4000) and accepts Tomcat's \
        TCP connections there, answering framed messages with the ACK.

        JSON LINES (--json): one object per line, field "event":
        joined, changed, restarted, left, dead: time, member (32 hex digits), name, domain, \
        incarnation (time, null for Tomcat members), sequence, interval (ms), state (starting, ready, \
        leaving), endpoint (host:port or null), tags (object), via (multicast or unicast; null for dead), \
        source (host:port of the datagram); changed adds changes (array of field, from, to); restarted \
        adds previousIncarnation; dead adds silentMs; Tomcat members add tomcat (alive ms, host, port, \
        securePort, udpPort, uniqueId, command, payloadBytes).
        summary (one per member, on exit and SIGUSR1): time, member, name, endpoint, status (alive, \
        left, dead), firstSeen, lastSeen, restarts, staleHeartbeats, multicast and unicast (null when \
        nothing came that way, else: received, duplicates, lost, lossPercent, lostAfterFirst, \
        lossAfterFirstPercent, firstSequence, jitterMs with min, avg, max, lastSeen; loss fields are \
        null for Tomcat members, which number nothing).
        rejected (the first heartbeat dropped from a source for a reason; later ones are only counted): \
        time, reason (bad-key: a key this member does not hold or a tag that does not verify; \
        unauthenticated: unsigned while this member has --key-file; replayed: signed but not newer than \
        what was accepted from that member, or a copy the network made; keyed: signed while this member \
        has no --key-file), from (host:port of the datagram), member and name (as the heartbeat claims \
        them), keyId (16 hex digits, or null when unsigned).
        totals (after the summaries): time, members, alive, sent, sendFailures, undecodable, rejected \
        (object: reason to heartbeats dropped), ownHeartbeats, idConflicts, otherDomains (object: domain \
        to heartbeats), tomcatFrames.
        verdict (with --expect): met, reason (met, nobody-heard, some-missing, only-unicast-heard), \
        expected, heardByMulticast, heard.

        EXIT STATUS: \(ExitStatus.table). With --expect, 1 means fewer than N other members were heard \
        by multicast; stderr says why: nobody heard, some missing, or only unicast heard.
        """
}
