import TernCore

/// The session part of `/metrics`: sessions per context and what the node did to them.
public enum SessionMetrics {
    /// The families of `sessions` in Prometheus text.
    public static func exposition(of sessions: NodeSessions) -> String {
        exposition(
            sessionsPerContext: sessions.sessionsPerContext, records: sessions.store.count, counters: sessions.counters)
    }

    /// The families of a node's sessions from their counts, in Prometheus text.
    public static func exposition(
        sessionsPerContext: [String: Int], records: Int, counters: NodeSessionCounters
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
        return text.text
    }
}
