import NIOCore
import TernCore

/// Which membership wire format a member writes: tern's own heartbeat, or Apache Tomcat's (Tribes).
public enum MembershipWire: String, Sendable, Hashable, CaseIterable {
    /// tern's heartbeat (docs/PROTOCOL.md, "Heartbeat").
    case tern
    /// Tomcat's membership heartbeat (docs/PROTOCOL.md, "Tomcat interop").
    case tribes
}

/// A membership datagram of either format, told apart by its first bytes: receivers read both,
/// whatever they write, so one group can hold tern members and Tomcat members.
public enum MembershipDatagram: Sendable, Hashable {
    /// A tern heartbeat.
    case tern(DecodedHeartbeat)
    /// A Tomcat member record.
    case tribes(TribesMember)

    /// The membership model's view.
    public var heartbeat: Heartbeat {
        switch self {
        case .tern(let decoded): decoded.heartbeat
        case .tribes(let member): member.heartbeat
        }
    }

    /// Why a datagram is neither format.
    public enum DecodingError: Error, Sendable, Equatable, CustomStringConvertible {
        /// It starts like a tern heartbeat but is not a valid one.
        case tern(HeartbeatDecodingError)
        /// It starts like a Tomcat heartbeat but is not a valid one.
        case tribes(TribesDecodingError)
        /// It starts like neither; `prefix` is its first bytes (at most 8).
        case unknown(prefix: [UInt8])

        /// Whether the datagram is a tern heartbeat refused for its size alone (over
        /// `HeartbeatLimits.maxDatagramBytes`): the `datagram` bound of docs/LIMITS.md.
        public var isOversized: Bool {
            if case .tern(let error) = self, case .tooLarge(field: "datagram", _, _) = error.reason { return true }
            return false
        }

        /// One line naming the format and the problem.
        public var description: String {
            switch self {
            case .tern(let error): error.description
            case .tribes(let error): error.description
            case .unknown(let prefix):
                "not a membership heartbeat (starts with \(prefix.isEmpty ? "nothing" : Hex.encode(prefix)))"
            }
        }
    }

    /// Decodes `datagram` in whichever format its first bytes announce.
    public static func decode(
        _ datagram: ByteBuffer, limits: HeartbeatLimits = .default, tribesLimits: TribesLimits = .default
    ) throws(DecodingError) -> MembershipDatagram {
        let prefix = datagram.getBytes(at: datagram.readerIndex, length: min(datagram.readableBytes, 8)) ?? []
        if prefix.starts(with: HeartbeatFormat.magic) {
            do {
                return .tern(try HeartbeatCodec.decode(datagram, limits: limits))
            } catch {
                throw .tern(error)
            }
        }
        if prefix.starts(with: TribesFormat.memberBegin.prefix(8)) {
            do {
                return .tribes(try TribesMemberCodec.decode(datagram, limits: tribesLimits).member)
            } catch {
                throw .tribes(error)
            }
        }
        throw .unknown(prefix: prefix)
    }
}
