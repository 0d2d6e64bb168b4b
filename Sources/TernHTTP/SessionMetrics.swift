import TernCore

/// The session part of `/metrics`: sessions per context and what the node did to them.
public enum SessionMetrics {
    /// The families of `sessions` in Prometheus text.
    public static func exposition(of sessions: NodeSessions) -> String {
        exposition(
            sessionsPerContext: sessions.sessionsPerContext, records: sessions.store.count, counters: sessions.counters,
            limitHits: [.sessions: sessions.counters.sessionLimit])
    }

    /// The families of a node's sessions from their counts, in Prometheus text; `limitHits` are the
    /// hits of each bound of docs/LIMITS.md (one family, a sample per `LimitName`, zero if absent).
    public static func exposition(
        sessionsPerContext: [String: Int], records: Int, counters: NodeSessionCounters, limitHits: [LimitName: Int]
    ) -> String {
        var text = PrometheusText()
        text.family("tern_sessions", "gauge", help: "Live sessions held, per context.")
        for context in sessionsPerContext.keys.sorted(by: { $0.utf8Precedes($1) }) {
            text.sample("tern_sessions", labels: [("context", context)], sessionsPerContext[context]!)
        }
        text.family("tern_store_records", "gauge", help: "Records held: sessions and tombstones.")
        text.sample("tern_store_records", records)
        let families: [(String, String, Int)] = [
            ("tern_sessions_created_total", "Sessions created on this node.", counters.created),
            ("tern_sessions_accessed_total", "Reads that counted as an access.", counters.accessed),
            ("tern_sessions_written_total", "Replace and patch requests.", counters.written),
            ("tern_sessions_invalidated_total", "Sessions invalidated on this node.", counters.invalidated),
            ("tern_sessions_expired_total", "Sessions this node expired for inactivity.", counters.expired),
            ("tern_touch_batches_total", "Touch batches replicated.", counters.touchBatches),
            ("tern_touches_total", "Touches in those batches.", counters.touches),
            (
                "tern_replication_clock_ahead_total", "Replicated changes refused: version ahead of the clock.",
                counters.clockAhead
            ),
        ]
        for (name, help, value) in families {
            text.family(name, "counter", help: help)
            text.sample(name, value)
        }
        text.family(
            "tern_limit_hits_total", "counter",
            help: "Requests, messages or connections refused by a bound, per bound.")
        for limit in LimitName.allCases {
            text.sample("tern_limit_hits_total", labels: [("limit", limit.rawValue)], limitHits[limit] ?? 0)
        }
        return text.text
    }
}
