import Foundation
import TernTestKit
import Testing

extension NodeProcess {
    /// Waits for a `member` event of `kind` about the member named `name`, at index `from` or later.
    @discardableResult
    func waitForMember(_ name: String, _ kind: String, from start: Int = 0, timeout: Double = 30) throws -> Int {
        try waitFor("member", from: start, timeout: timeout) { $0["name"] as? String == name && $0["kind"] as? String == kind }
            .index
    }

    /// The `member` events of `kind` printed at stdout line `from` or later.
    func memberEvents(_ kind: String, from start: Int = 0) -> [[String: Any]] {
        tool.stdoutLines.dropFirst(start).compactMap(Self.parse).filter {
            $0["event"] as? String == "member" && $0["kind"] as? String == kind
        }
    }

    /// Creates a session with `attributes` and requires that every peer acknowledged it (sync).
    func createAcknowledged(by peers: Int, _ attributes: [String: String]) throws -> String {
        let (id, reply) = try create(WriteLoad.context, attributes: attributes)
        guard reply.int("Tern-Acknowledged") == peers else {
            throw FaultFailure(description: "a write on \(name) acknowledged by \(reply.int("Tern-Acknowledged") ?? -1) of \(peers) peers: \(reply)")
        }
        return id
    }
}

/// A scenario step that did not happen as it must.
struct FaultFailure: Error, CustomStringConvertible {
    var description: String
}
