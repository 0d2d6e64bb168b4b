/// The type byte of a frame: which `FrameBody` case the payload encodes (docs/PROTOCOL.md, "Frame types").
///
/// Only append to this list: a number, once released, keeps its meaning for ever. 0 is never used,
/// so a run of zero bytes is never a valid frame.
public enum FrameType: UInt8, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// A whole session (`ReplicationMessage.put`).
    case put = 1
    /// Attribute changes on a base version (`ReplicationMessage.delta`).
    case delta = 2
    /// Access times, batched (`ReplicationMessage.touch`).
    case touch = 3
    /// An invalidation or expiry: a tombstone (`ReplicationMessage.expire`).
    case expire = 4
    /// A session id change (`ReplicationMessage.changeID`).
    case changeID = 5
    /// A frame was applied.
    case ack = 6
    /// A frame was refused, with a reason.
    case nack = 7
    /// A request for state.
    case stateRequest = 8
    /// Records of a state transfer.
    case stateChunk = 9
    /// The end of a state transfer.
    case stateEnd = 10
    /// A request for the live stream.
    case subscribe = 11
    /// A liveness probe.
    case ping = 12
    /// The answer to a ping.
    case pong = 13
    /// The start of a state transfer: the snapshot header the transfer's digest begins with.
    case stateBegin = 14
    /// Anti-entropy: the sender's digest of its store, per context.
    case digest = 15
    /// Anti-entropy: the answer to a digest, the buckets that differ.
    case digestDifference = 16
    /// Anti-entropy: the answering member's (key, version) entries in the differing buckets.
    case digestEntries = 17
    /// Anti-entropy: asks for the records of some keys.
    case recordRequest = 18

    /// The type that encodes `body`.
    public init(of body: FrameBody) {
        switch body {
        case .message(.put): self = .put
        case .message(.delta): self = .delta
        case .message(.touch): self = .touch
        case .message(.expire): self = .expire
        case .message(.changeID): self = .changeID
        case .ack: self = .ack
        case .nack: self = .nack
        case .stateRequest: self = .stateRequest
        case .stateChunk: self = .stateChunk
        case .stateEnd: self = .stateEnd
        case .subscribe: self = .subscribe
        case .ping: self = .ping
        case .pong: self = .pong
        case .stateBegin: self = .stateBegin
        case .digest: self = .digest
        case .digestDifference: self = .digestDifference
        case .digestEntries: self = .digestEntries
        case .recordRequest: self = .recordRequest
        }
    }

    /// The name used in docs/PROTOCOL.md and in error messages, e.g. `state-request`.
    public var description: String {
        switch self {
        case .put: "put"
        case .delta: "delta"
        case .touch: "touch"
        case .expire: "expire"
        case .changeID: "change-id"
        case .ack: "ack"
        case .nack: "nack"
        case .stateRequest: "state-request"
        case .stateChunk: "state-chunk"
        case .stateEnd: "state-end"
        case .subscribe: "subscribe"
        case .ping: "ping"
        case .pong: "pong"
        case .stateBegin: "state-begin"
        case .digest: "digest"
        case .digestDifference: "digest-difference"
        case .digestEntries: "digest-entries"
        case .recordRequest: "record-request"
        }
    }

    /// The known numbers as text for error messages: `1-18`.
    static var knownRange: String {
        let numbers = allCases.map(\.rawValue)
        return "\(numbers.min()!)-\(numbers.max()!)"
    }
}

extension FrameBody {
    /// The type byte this body is sent with.
    public var type: FrameType { FrameType(of: self) }
}
