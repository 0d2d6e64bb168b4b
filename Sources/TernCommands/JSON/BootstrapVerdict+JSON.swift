import TernCommandSupport
import TernCore

extension BootstrapVerdict {
    /// The verdict's JSON Lines fields, as tern-recv's `bootstrap` and tern-node's `ready` and
    /// `state-failed` events print them: outcome, peer, the records received so far under
    /// `countField`, then queuedApplied, silentMs or reason, and the message.
    package func jsonFields(countField: String) -> JSONObject {
        var object: JSONObject = [:]
        switch self {
        case .completed(let peer, let records, let queued):
            object.append("outcome", .string("completed"))
            object.append("peer", .string(peer.description))
            object.append(countField, .int(Int64(records)))
            object.append("queuedApplied", .int(Int64(queued)))
        case .timedOut(let peer, let records, let silence):
            object.append("outcome", .string("timed-out"))
            object.append("peer", .string(peer.description))
            object.append(countField, .int(Int64(records)))
            object.append("silentMs", .int(silence))
        case .failed(let peer, let failure):
            object.append("outcome", .string("failed"))
            object.append("peer", .string(peer.description))
            object.append("reason", .string(failure.description))
        }
        object.append("message", .string(description))
        return object
    }
}
