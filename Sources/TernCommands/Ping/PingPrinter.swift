import TernCommandSupport
import TernCore
import TernNetMembership

/// Prints a membership service's notices on stdout, text or JSON Lines, as they come; returns the
/// final snapshot (nil when the service never started).
struct PingPrinter: Sendable {
    /// JSON Lines instead of text.
    let json: Bool

    /// Consumes `notices` to the end.
    func print(_ notices: AsyncStream<MembershipNotice>) async -> MembershipSnapshot? {
        var final: MembershipSnapshot?
        for await notice in notices {
            do {
                switch notice {
                case .event(let event, let tomcat):
                    try StandardOutput.shared.line(
                        json ? PingJSON.event(event, tomcat: tomcat).serialized : PingText.event(event, tomcat: tomcat))
                case .rejected(let rejection):
                    try StandardOutput.shared.line(
                        json ? PingJSON.rejected(rejection).serialized : PingText.rejected(rejection))
                case .table(let snapshot):
                    try table(snapshot)
                case .finished(let snapshot):
                    try table(snapshot)
                    final = snapshot
                }
            } catch {
                StandardError.line("tern-ping: \(error)")
            }
            StandardOutput.shared.flushOrDie(tool: "tern-ping")
        }
        return final
    }

    private func table(_ snapshot: MembershipSnapshot) throws {
        if json {
            for line in PingJSON.summaries(snapshot) { try StandardOutput.shared.line(line) }
        } else {
            for line in PingText.table(snapshot) { try StandardOutput.shared.line(line) }
        }
    }
}
