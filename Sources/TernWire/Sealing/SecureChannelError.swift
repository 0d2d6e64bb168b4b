import TernWire
import TernCore

/// Why a keyed replication connection failed: its handshake (docs/PROTOCOL.md, "Keyed preface") or a
/// sealed record (docs/PROTOCOL.md, "Sealed records"). Every one of them closes the connection.
public enum SecureChannelError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The peer sent a version-1 preface: it runs without a cluster key.
    case peerHasNoKey
    /// The peer holds none of our keys: `ours` and `theirs` are the ids each side announced.
    case noCommonKey(ours: [ClusterKeyID], theirs: [ClusterKeyID])
    /// The peer's proof of the key is wrong: it announced the key's id without holding the key.
    case badProof
    /// The peer refused our proof (the server's verdict).
    case proofRefused
    /// The keyed preface or verdict is malformed.
    case badHello(String)
    /// A sealed record announces more plaintext than allowed (or none).
    case badRecordLength(size: Int, limit: Int)
    /// A sealed record fails authentication: tampered, replayed, reordered or from another connection.
    case recordNotAuthentic(record: UInt64)
    /// The stream ended inside a hello, verdict or sealed record.
    case truncated(have: Int)
    /// 2^64 records were sealed under one key: the connection must be replaced.
    case exhausted

    /// Whether the failure is about keys (a tool exits 77), rather than about the bytes.
    public var isAuthenticationRefusal: Bool {
        switch self {
        case .peerHasNoKey, .noCommonKey, .badProof, .proofRefused: true
        default: false
        }
    }

    /// One lowercase line, naming key ids, never keys.
    public var description: String {
        switch self {
        case .peerHasNoKey:
            "it has no cluster key (it runs without --key-file), and this side requires one"
        case .noCommonKey(let ours, let theirs):
            "no cluster key in common: this side holds \(Self.ids(ours)), the peer \(Self.ids(theirs))"
        case .badProof: "its proof of the cluster key is wrong (it names a key it does not hold)"
        case .proofRefused: "it refused this side's proof of the cluster key"
        case .badHello(let detail): "bad keyed preface: \(detail)"
        case .badRecordLength(let size, let limit):
            "sealed record of \(size) bytes (expected 1 to \(limit))"
        case .recordNotAuthentic(let record):
            "sealed record \(record) fails authentication (tampered, replayed, reordered or cut)"
        case .truncated(let have): "the stream ends inside a sealed record or handshake after \(have) of its bytes"
        case .exhausted: "the record counter is exhausted"
        }
    }

    private static func ids(_ ids: [ClusterKeyID]) -> String {
        ids.isEmpty ? "no key" : "key " + ids.map(\.description).joined(separator: ", ")
    }
}
