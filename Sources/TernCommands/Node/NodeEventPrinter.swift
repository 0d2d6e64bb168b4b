import TernCore
import TernCommands
import TernNetMembership
import TernCommandSupport
import TernNet

/// Prints what tern-node reports, one line per event on standard output, as text or JSON Lines
/// (field names in `NodeHelp`).
struct NodeEventPrinter: Sendable {
    /// JSON Lines instead of text.
    let json: Bool

    /// Prints `event`.
    func print(_ event: NodeEvent) {
        switch event {
        case .listening(let address, let advertised):
            line("listening", "replication and state transfers on \(address), advertised as \(advertised)",
                ["address": .string(address), "advertised": .string(advertised.description)])
        case .stateRequested(let source):
            line("state-request", "asking \(source) for the state", Self.fields(source))
        case .stateFailed(let verdict):
            line("state-failed", "\(verdict)", Self.fields(verdict))
        case .snapshotLoaded(let path, let records):
            line("snapshot-loaded", "loaded \(records) records from \(path)",
                ["path": .string(path), "records": .int(Int64(records))])
        case .ready(let verdict, let records):
            var fields: JSONObject = ["records": .int(Int64(records))]
            if let verdict { for (key, value) in Self.fields(verdict).fields { fields.append(key, value) } }
            let how = verdict.map { " (\($0))" } ?? " (no ready member to ask)"
            line("ready", "ready with \(records) records\(how)", fields)
        case .member(let event):
            let heartbeat = event.heartbeat
            let who = "\(heartbeat.name.isEmpty ? "?" : heartbeat.name) (\(heartbeat.member.short))"
            line("member", "member \(who) \(event.kind.name): \(heartbeat.state), endpoint \(heartbeat.endpoint?.description ?? "none")",
                [
                    "kind": .string(event.kind.name), "member": .string(heartbeat.member.description),
                    "name": .string(heartbeat.name), "state": .string(heartbeat.state.description),
                    "endpoint": heartbeat.endpoint.map { .string($0.description) } ?? .null,
                    "source": .string(event.source),
                ])
        case .peer(let member, let name, let endpoint):
            let who = "\(name.isEmpty ? "?" : name) (\(member.short))"
            line("peer",
                endpoint.map { "replicating to \(who) at \($0)" } ?? "no longer replicating to \(who)",
                [
                    "member": .string(member.description), "name": .string(name),
                    "endpoint": endpoint.map { .string($0.description) } ?? .null,
                ])
        case .snapshotWritten(let path, let records, let reason):
            line("snapshot", "snapshot written to \(path): \(records) records (\(reason))",
                ["path": .string(path), "records": .int(Int64(records)), "reason": .string(reason)])
        case .antiEntropy(let member, let name, let reason, let report):
            let who = "\(name.isEmpty ? "?" : name) (\(member.short))"
            var fields: JSONObject = [
                "member": .string(member.description), "name": .string(name), "reason": .string(reason.rawValue),
                "outcome": .string(report.outcomeName), "buckets": .int(Int64(report.differingBuckets)),
                "pushed": .int(Int64(report.pushed)), "pulled": .int(Int64(report.pulled)),
            ]
            let text: String
            if case .failed(let why) = report.outcome {
                fields.append("message", .string(why))
                text = "anti-entropy with \(who) failed: \(why)"
            } else {
                text =
                    "anti-entropy with \(who) (\(reason.rawValue)): \(report.differingBuckets) buckets differed, "
                    + "\(report.pushed) records pushed, \(report.pulled) pulled (\(report.outcomeName))"
            }
            line("anti-entropy", text, fields)
        case .leaving:
            line("leaving", "leaving: HTTP closed, finishing replication")
        case .stopped(let records):
            line("stopped", "stopped with \(records) records", ["records": .int(Int64(records))])
        }
    }

    /// The HTTP port is open at `address`.
    func http(_ address: String) {
        line("http", "HTTP on \(address)", ["address": .string(address)])
    }

    private func line(_ name: String, _ text: String, _ fields: JSONObject = [:]) {
        LinePrinter.shared.event(name, text: text, fields: fields, json: json)
    }

    private static func fields(_ source: StateSource) -> JSONObject {
        [
            "member": .string(source.member.description), "name": .string(source.name),
            "endpoint": .string(source.endpoint.description),
        ]
    }

    private static func fields(_ verdict: BootstrapVerdict) -> JSONObject {
        verdict.jsonFields(countField: "transferred")
    }
}
