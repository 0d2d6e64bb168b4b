import TernCore

/// What one frame of a replication connection carries (docs/PROTOCOL.md, "Frames").
///
/// Type numbers are append-only: see `FrameType`.
public enum FrameBody: Sendable, Hashable {
    /// A change to apply: put, delta, touch, expire or change-id.
    case message(ReplicationMessage)
    /// The frame with `sequence` was received and applied.
    case ack(sequence: UInt64)
    /// The frame with `sequence` was not applied, and why.
    case nack(sequence: UInt64, reason: NackReason, detail: String)
    /// Asks for every record (of some contexts, optionally only newer than a version vector).
    case stateRequest(StateRequest)
    /// Records of a state transfer, in key order across chunks.
    case stateChunk([StoreRecord])
    /// The end of a state transfer: how many records, their digest, the version vector at the cut.
    case stateEnd(StateEnd)
    /// Asks for the live replication stream of some contexts (all when empty), until the connection closes.
    case subscribe(contexts: [String])
    /// Asks the peer to answer with `pong` carrying the same nonce.
    case ping(nonce: UInt64)
    /// The answer to `ping`.
    case pong(nonce: UInt64)
    /// The start of a state transfer, before its chunks: the header of the snapshot the transfer
    /// makes, whose bytes its state-end digest begins with.
    case stateBegin(StateBegin)
    /// Anti-entropy (docs/ANTI-ENTROPY.md): the sender's digest of its store, one per context that
    /// holds records, contexts in strictly increasing byte order. Answered by a digest-difference.
    case digest([ContextDigest])
    /// Anti-entropy: the answer to the digest frame `request`: the buckets that differ, and how many
    /// entries follow in digest-entries frames (or that the stores differ too much to list).
    case digestDifference(request: UInt64, DigestDifference)
    /// Anti-entropy: entries of the answering member in the differing buckets.
    case digestEntries([DigestEntry])
    /// Anti-entropy: asks for the records held for these keys. Answered by state-chunk frames with
    /// those records, then an ack of the request's sequence.
    case recordRequest([SessionKey])
}

/// A frame: the sequence number the sender gave it, flags, and its body.
public struct Frame: Sendable, Hashable {
    /// Increases by one per frame a sender sends on a connection; acks and nacks name it.
    public var sequence: UInt64
    /// Flag bits (see `FrameFlags`).
    public var flags: FrameFlags
    /// The content.
    public var body: FrameBody

    /// Creates a frame.
    public init(sequence: UInt64, flags: FrameFlags = [], body: FrameBody) {
        self.sequence = sequence
        self.flags = flags
        self.body = body
    }
}

/// Flag bits of a frame.
public struct FrameFlags: OptionSet, Sendable, Hashable {
    /// The raw bits.
    public var rawValue: UInt8

    /// Creates flags from bits.
    public init(rawValue: UInt8) {
        self.rawValue = rawValue
    }

    /// The sender waits for an ack or nack of this frame (sync and pooled modes).
    public static let ackRequested = FrameFlags(rawValue: 1 << 0)
}

/// Why a frame was refused.
public enum NackReason: UInt16, Sendable, Hashable, CaseIterable {
    /// A delta, touch or id change whose base version the receiver does not hold: send the whole session.
    case needsFullSession = 1
    /// The receiver is still starting (it has no state to serve yet).
    case notReady = 2
    /// A bound was exceeded (frame, attribute, sessions per context).
    case tooLarge = 3
    /// The body did not decode.
    case malformed = 4
    /// The frame type or a feature is not supported by this receiver.
    case unsupported = 5
    /// The receiver is overloaded; retry later.
    case overloaded = 6
    /// The receiver does not serve state (tern-recv without --serve-state).
    case notServing = 7
    /// The change's version is further ahead of the receiver's clock than its drift bound allows.
    case clockAhead = 8
}

/// A request for state: contexts (empty = all), and optionally a version vector: only records newer
/// than what it covers are sent.
public struct StateRequest: Sendable, Hashable {
    /// Contexts wanted; empty means all.
    public var contexts: [String]
    /// When present, records the vector covers are left out.
    public var since: VersionVector?

    /// Creates a request.
    public init(contexts: [String] = [], since: VersionVector? = nil) {
        self.contexts = contexts
        self.since = since
    }
}

/// The start of a state transfer (docs/PROTOCOL.md, "State transfer").
public struct StateBegin: Sendable, Hashable {
    /// A snapshot header body (docs/SNAPSHOT.md, "Header"): the server's member and domain, the
    /// instant and version vector of the cut. A client writes it into its snapshot byte for byte.
    public var header: [UInt8]
    /// The smallest snapshot header body: writer, creation time, source member, source name, cluster
    /// and version vector, with empty strings and no versions.
    public static let minimumHeaderSize = 2 + 8 + 16 + 2 + 2 + 4
    /// Creates a state begin.
    public init(header: [UInt8]) {
        self.header = header
    }
}

/// The end of a state transfer.
public struct StateEnd: Sendable, Hashable {
    /// How many records the chunks carried.
    public var count: UInt64
    /// SHA-256 over the snapshot the transfer makes, up to its trailer: the snapshot preamble, the
    /// state begin's header, and each record with its snapshot tag and length (32 bytes).
    public var digest: [UInt8]
    /// The newest version per origin in the sender's store at the cut.
    public var vector: VersionVector

    /// Creates an end marker.
    public init(count: UInt64, digest: [UInt8], vector: VersionVector) {
        self.count = count
        self.digest = digest
        self.vector = vector
    }
}

/// The first bytes each side of a replication connection sends: who is speaking, in which cluster.
public struct ConnectionPreface: Sendable, Hashable {
    /// The protocol version the sender speaks.
    public var version: UInt16
    /// The cluster (domain) name; a receiver of another domain refuses the connection.
    public var domain: String
    /// The sender's member id.
    public var member: MemberID

    /// Creates a preface.
    public init(version: UInt16, domain: String, member: MemberID) {
        self.version = version
        self.domain = domain
        self.member = member
    }
}
