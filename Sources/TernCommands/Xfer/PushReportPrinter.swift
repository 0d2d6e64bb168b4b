import TernCommandSupport
import TernCore
import TernNet

/// Prints the outcome of `tern-xfer push`: each message not acknowledged, then a summary line.
struct PushReportPrinter {
    let json: Bool
    let peer: Endpoint
    let configuration: SenderConfiguration

    func print(_ report: SenderReport, seconds: Double) {
        let now = WallClock.now()
        var lines: [PrintedLine] = []
        for failure in report.failures {
            if json {
                let key = failure.message.keys.first
                lines.append(
                    .json(
                        .object([
                            "event": .string("unacknowledged"), "time": .string(Timestamp.format(now)),
                            "kind": .string(failure.message.kindName), "context": .string(key?.context ?? ""),
                            "id": .string(key?.id ?? ""),
                            "version": .string(failure.message.newestVersion?.description ?? ""),
                            "reason": .string(failure.reason),
                        ])))
            } else {
                lines.append(.text("not acknowledged: \(failure)"))
            }
        }
        let unacknowledged = report.failures.count + report.dropped + report.unaccounted
        let rate = seconds > 0 ? Double(report.acknowledged) / seconds : 0
        let megabytes = seconds > 0 ? Double(report.bytesSent) / seconds / 1e6 : 0
        let sorted = report.roundTrips.sorted()
        let p50 = Self.quantile(sorted, 0.50)
        let p99 = Self.quantile(sorted, 0.99)
        if json {
            var object: JSONObject = [
                "event": .string("pushed"), "time": .string(Timestamp.format(now)), "peer": .string(peer.description),
                "mode": .string(configuration.mode.rawValue), "connections": .int(Int64(configuration.connections)),
                "submitted": .int(Int64(report.submitted)), "acknowledged": .int(Int64(report.acknowledged)),
                "coalesced": .int(Int64(report.coalesced)), "dropped": .int(Int64(report.dropped)),
                "unacknowledged": .int(Int64(unacknowledged)), "seconds": .double(seconds),
                "messagesPerSecond": .double(rate.rounded()), "bytes": .int(Int64(report.bytesSent)),
                "megabytesPerSecond": .double((megabytes * 10).rounded() / 10),
            ]
            if let p50, let p99 {
                object.append("roundTripP50Micros", .double(Double(p50 / 100) / 10))
                object.append("roundTripP99Micros", .double(Double(p99 / 100) / 10))
            }
            lines.append(.json(.object(object)))
        } else {
            var text = "pushed \(report.submitted) messages to \(peer) (\(configuration.mode.rawValue)"
            text += configuration.mode == .pooled ? ", \(configuration.connections) connections)" : ")"
            text += " in \(Self.fixed(seconds, 3)) s: \(report.acknowledged) acknowledged"
            if report.coalesced > 0 { text += ", \(report.coalesced) coalesced" }
            text += ", \(unacknowledged) not acknowledged; \(Int(rate)) msg/s, \(Self.fixed(megabytes, 1)) MB/s"
            if let p50, let p99 {
                let micros = (Self.fixed(Double(p50) / 1000, 1), Self.fixed(Double(p99) / 1000, 1))
                text += "; round trip p50 \(micros.0) µs, p99 \(micros.1) µs"
            }
            lines.append(.text(text))
        }
        LinePrinter.shared.print(lines)
    }

    static func quantile(_ sorted: [UInt64], _ q: Double) -> UInt64? {
        guard !sorted.isEmpty else { return nil }
        let rank = max(1, Int((q * Double(sorted.count)).rounded(.up)))
        return sorted[min(sorted.count, rank) - 1]
    }

    /// `value` with `digits` decimals, without Foundation.
    static func fixed(_ value: Double, _ digits: Int) -> String {
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = Int64((value * scale).rounded())
        let whole = scaled / Int64(scale)
        let fraction = String(abs(scaled % Int64(scale)))
        guard digits > 0 else { return "\(whole)" }
        return "\(whole).\(String(repeating: "0", count: digits - fraction.count))\(fraction)"
    }
}
