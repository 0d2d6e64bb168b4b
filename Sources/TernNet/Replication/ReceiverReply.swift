import TernCore
import TernWire

/// What the store asks a connection to send, in order, after a batch of its frames.
enum ReceiverReply: Sendable {
    /// A frame to send: ack, nack, pong, or a message of a subscription.
    case frame(FrameBody)
    /// Stream this cut as state chunks and a state end (an answer to a state request).
    case serveState(StoreCut, StateRequest)
}

extension ReplicationOutcome {
    /// The answer to a message with `sequence`: an ack when asked for, a nack whenever it was not
    /// applied (also unasked, so an async sender learns about it), or nothing.
    func answer(sequence: UInt64, requested: Bool) -> FrameBody? {
        switch self {
        case .needsFullSession(let key):
            return .nack(sequence: sequence, reason: .needsFullSession, detail: "\(key)")
        case .rejected(let rejection):
            return .nack(
                sequence: sequence, reason: rejection.exceedsBound ? .tooLarge : .malformed,
                detail: rejection.description)
        default:
            return requested ? .ack(sequence: sequence) : nil
        }
    }

    /// Whether subscribers should see the message: it changed the store.
    var changedStore: Bool {
        switch self {
        case .applied: true
        case .touched(let tally): tally.moved > 0
        default: false
        }
    }
}
