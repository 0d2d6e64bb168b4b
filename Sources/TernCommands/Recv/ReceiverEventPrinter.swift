import TernCommandSupport
import TernCore
import TernNet

/// Prints what tern-recv's store reports: a line per message (unless `--quiet`), the bootstrap
/// verdict, and the tool's own events (listening, snapshot, stopped), as text or JSON Lines.
struct ReceiverEventPrinter: ReceiverEventSink {
    /// JSON Lines instead of text.
    let json: Bool
    /// Attribute values in message lines.
    let reveal: Bool
    /// No message lines.
    let quiet: Bool

    var wantsMessages: Bool { !quiet }

    func receive(_ events: [ReceiverEvent]) {
        let now = WallClock.now()
        var lines: [PrintedLine] = []
        for event in events {
            switch event {
            case .message(let message, let outcome, let peer):
                guard !quiet else { continue }
                for line in MessageEvent.events(of: message, reveal: reveal) {
                    if json {
                        var extra: JSONObject = ["outcome": .string(outcome.name), "peer": .string(peer)]
                        for (name, value) in outcome.jsonDetails.fields { extra.append(name, value) }
                        lines.append(.json(line.json(time: now, extra: extra)))
                    } else {
                        lines.append(.text(line.text(time: now, prefix: [outcome.name, "from", peer])))
                    }
                }
            case .bootstrap(let verdict):
                lines.append(bootstrapLine(verdict, at: now))
            case .connectionRefused(let peer, let reason, let unreported):
                lines.append(refusalLine(peer: peer, reason: reason, unreported: unreported, at: now))
            case .connectionBound(let bound, let peer, let detail, let unreported):
                lines.append(boundLine(bound, peer: peer, detail: detail, unreported: unreported, at: now))
            }
        }
        LinePrinter.shared.print(lines)
    }

    private func bootstrapLine(_ verdict: BootstrapVerdict, at now: UnixMillis) -> PrintedLine {
        guard json else { return .text("\(Timestamp.format(now)) bootstrap \(verdict)") }
        var object: JSONObject = ["event": .string("bootstrap"), "time": .string(Timestamp.format(now))]
        for (key, value) in verdict.jsonFields(countField: "records").fields { object.append(key, value) }
        return .json(.object(object))
    }

    private func refusalLine(peer: String, reason: String, unreported: Int, at now: UnixMillis) -> PrintedLine {
        let more = unreported > 0 ? " (\(unreported) more since the last report)" : ""
        guard json else { return .text("\(Timestamp.format(now)) refused \(peer): authentication failed: \(reason)\(more)") }
        return .json(
            .object([
                "event": .string("refused"), "time": .string(Timestamp.format(now)), "peer": .string(peer),
                "reason": .string(reason), "unreported": .int(Int64(unreported)),
            ]))
    }

    /// `TIME refused PEER: too many connections (…)`, `TIME closed PEER: no complete frame for …`;
    /// JSON: event `connection-bound`, with bound, peer, detail, unreported.
    private func boundLine(
        _ bound: ConnectionBound, peer: String, detail: String, unreported: Int, at now: UnixMillis
    ) -> PrintedLine {
        let more = unreported > 0 ? " (\(unreported) more since the last report)" : ""
        guard json else {
            return .text("\(Timestamp.format(now)) \(bound.isRejection ? "refused" : "closed") \(peer): \(detail)\(more)")
        }
        return .json(
            .object([
                "event": .string("connection-bound"), "time": .string(Timestamp.format(now)),
                "bound": .string(bound.rawValue), "peer": .string(peer), "detail": .string(detail),
                "unreported": .int(Int64(unreported)),
            ]))
    }

    /// A tool event: `{"event": NAME, "time": …, fields…}`, or `TIME text` as text.
    func event(_ name: String, text: String, _ fields: JSONObject = [:]) {
        LinePrinter.shared.event(name, text: text, fields: fields, json: json)
    }
}
