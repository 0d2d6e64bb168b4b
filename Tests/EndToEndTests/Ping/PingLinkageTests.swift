import Foundation
import TernTestKit
import Testing

/// tern-ping links membership code only: no zlib, no swift-crypto/BoringSSL (its heartbeat MACs use
/// TernWire's own SHA-256), no snapshot or replication code, which an idle member would otherwise map
/// (docs/ARCHITECTURE.md, "Modules"). The executables are searched as bytes: zlib appears as the
/// loader's `libz.so` entry, the rest as symbol names. tern-snap, which links all of it, shows that
/// the search finds what is there.
@Suite("tern-ping: what it links")
struct PingLinkageTests {
    static let absentFromPing = ["libz.so", "CCryptoBoringSSL", "SnapshotReader", "ReplicationSender"]

    @Test func ternPingLinksNoZlibBoringSSLSnapshotOrReplicationCode() throws {
        let found = try Self.names(Self.absentFromPing, in: "tern-ping")
        #expect(found.isEmpty, "tern-ping contains \(found)")
    }

    @Test func ternSnapLinksWhatTernPingLeavesOut() throws {
        let found = try Self.names(Self.absentFromPing, in: "tern-snap")
        #expect(found == Self.absentFromPing, "tern-snap contains only \(found)")
    }

    /// Which of `names` occur in the bytes of the built executable `tool`.
    static func names(_ names: [String], in tool: String) throws -> [String] {
        let bytes = try Data(contentsOf: URL(fileURLWithPath: runner.executable(tool)))
        return names.filter { bytes.range(of: Data($0.utf8)) != nil }
    }
}
