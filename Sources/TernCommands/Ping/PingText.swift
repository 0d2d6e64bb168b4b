import TernCore
import TernNetMembership
import TernWire

/// tern-ping's text output: one line per event, and the member table (after omping's).
enum PingText {
    /// `2026-01-01T00:00:00.000Z joined    3f2a9c1e node-b 10.0.0.2:4000 ready (multicast from 10.0.0.2:45564)`.
    static func event(_ event: MembershipEvent, tomcat: TribesMember?) -> String {
        let heartbeat = event.heartbeat
        var line =
            "\(Timestamp.format(event.at)) \(pad(event.kind.name, 9)) \(event.member.short) \(label(heartbeat, tomcat))"
        let via = event.path.map { " (\($0) from \(event.source))" } ?? ""
        switch event.kind {
        case .joined:
            line += " \(heartbeat.endpoint?.description ?? "-") \(heartbeat.state)\(via)"
        case .changed(let changes):
            line += " " + changes.map(describe).joined(separator: ", ")
        case .restarted(let previous):
            line +=
                " new incarnation \(Timestamp.format(heartbeat.incarnation)) (was \(Timestamp.format(previous)))\(via)"
        case .left:
            line += via
        case .dead(let silent):
            line += " silent for \(silent) ms"
        }
        return line
    }

    /// `2026-01-01T00:00:00.000Z rejected: bad key from 10.0.0.7:45564 (member 3f2a9c1e, "b", key …)`:
    /// printed once per source and reason.
    static func rejected(_ rejection: HeartbeatRejection) -> String {
        "\(Timestamp.format(rejection.at)) rejected: \(rejection)"
    }

    /// The member table: a row per member and path, then the totals.
    static func table(_ snapshot: MembershipSnapshot) -> [String] {
        let members = sortedMembers(snapshot.table)
        var rows: [[String]] = [
            [
                "MEMBER", "NAME", "ENDPOINT", "STATUS", "PATH", "RECEIVED", "LOST", "LOSS", "AFTER FIRST", "DUP",
                "JITTER MS MIN/AVG/MAX", "LAST SEEN",
            ]
        ]
        for record in members {
            for path in HeartbeatPath.allCases {
                guard let statistics = record.statistics(path) else { continue }
                rows.append([
                    record.heartbeat.member.short, label(record.heartbeat, snapshot.tomcat[record.heartbeat.member]),
                    record.heartbeat.endpoint?.description ?? "-", record.status.description, path.rawValue,
                    "\(statistics.received)", statistics.isNumbered ? "\(statistics.lost)" : "-",
                    percent(statistics.loss),
                    statistics.lossAfterFirst.map { percent($0) + " (seq>=\(statistics.firstSequence ?? 1))" } ?? "-",
                    "\(statistics.duplicates)", jitter(statistics.jitter), Timestamp.formatShort(statistics.lastSeen),
                ])
            }
        }
        var lines = members.isEmpty ? ["no members heard"] : align(rows)
        let table = snapshot.table
        let alive = table.members.values.filter { $0.status == .alive }.count
        lines.append(
            "at \(Timestamp.format(snapshot.at)): \(table.members.count) members heard, \(alive) alive; "
                + "sent \(snapshot.sent) heartbeats, \(snapshot.sendFailures) send failures; "
                + "\(snapshot.undecodable) undecodable datagrams")
        if !table.otherDomains.isEmpty || table.otherDomainsOverflow > 0 {
            var parts = table.otherDomains.sorted { $0.key < $1.key }.map { "'\($0.key)' \($0.value)" }
            if table.otherDomainsOverflow > 0 { parts.append("others \(table.otherDomainsOverflow)") }
            lines.append("ignored heartbeats of other domains: " + parts.joined(separator: ", "))
        }
        let rejected = HeartbeatRejection.Reason.allCases.compactMap { reason in
            snapshot.rejected[reason].map { "\(reason) \($0)" }
        }
        if !rejected.isEmpty {
            let total = snapshot.rejected.values.reduce(0, +)
            lines.append("rejected \(total) heartbeats: " + rejected.joined(separator: ", "))
        }
        if table.idConflicts > 0 {
            lines.append("warning: \(table.idConflicts) heartbeats from another process carried this member's id")
        }
        if snapshot.tomcatFrames > 0 { lines.append("answered \(snapshot.tomcatFrames) frames from Tomcat members") }
        return lines
    }

    /// Members in the order they were first heard.
    static func sortedMembers(_ table: MembershipTable) -> [MemberRecord] {
        table.members.values.sorted {
            ($0.firstSeen, $0.heartbeat.member) < ($1.firstSeen, $1.heartbeat.member)
        }
    }

    /// A member's name for people: its name, else `tomcat` for a Tomcat member, else `-`.
    static func label(_ heartbeat: Heartbeat, _ tomcat: TribesMember?) -> String {
        if !heartbeat.name.isEmpty { return heartbeat.name }
        return tomcat == nil ? "-" : "tomcat"
    }

    /// `12.5%`; `-` without a value.
    static func percent(_ fraction: Double?) -> String {
        guard let fraction else { return "-" }
        let tenths = Int((fraction * 1000).rounded())
        return "\(tenths / 10).\(tenths % 10)%"
    }

    /// `0/1.5/12`; `-` before two arrivals.
    static func jitter(_ jitter: JitterStatistics) -> String {
        guard let average = jitter.average else { return "-" }
        let tenths = Int((average * 10).rounded())
        return "\(jitter.minimum)/\(tenths / 10).\(tenths % 10)/\(jitter.maximum)"
    }

    private static func describe(_ change: MemberChange) -> String {
        switch change {
        case .state(let from, let to): "state \(from) -> \(to)"
        case .endpoint(let from, let to): "endpoint \(from?.description ?? "-") -> \(to?.description ?? "-")"
        case .name(let from, let to): "name \(from) -> \(to)"
        case .interval(let from, let to): "interval \(from) ms -> \(to) ms"
        case .tags(let from, let to):
            "tags \(from.map(\.description).joined(separator: ",")) -> \(to.map(\.description).joined(separator: ","))"
        }
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }

    private static func align(_ rows: [[String]]) -> [String] {
        let widths = (0..<rows[0].count).map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { column, cell in column == row.count - 1 ? cell : pad(cell, widths[column]) }
                .joined(separator: "  ")
        }
    }
}
