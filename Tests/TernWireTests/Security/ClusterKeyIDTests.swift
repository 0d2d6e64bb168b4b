import TernCore
import Testing

@testable import TernWire

@Suite("Cluster key ids")
struct ClusterKeyIDTests {
    /// HMAC-SHA-256 under the key over "tern cluster key id", first 8 bytes (computed with Python's hmac).
    @Test func theIdIsTheFirst8BytesOfAnHMACOverALabel() throws {
        #expect(ClusterKeyID.derive(from: [UInt8](repeating: 0, count: 32)).description == "b676ac6750330465")
        let key = try ClusterKey(bytes: Array(0..<32))
        #expect(key.id.description == "bf5052bb28c2439c")
        let ring = try ClusterKeyFile.parse("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\n")
        #expect(ring.signing == key)
    }

    @Test func newKeysAreRandom() {
        let keys = (0..<8).map { _ in ClusterKey.random() }
        #expect(Set(keys.map(\.bytes)).count == 8)
        #expect(keys.allSatisfy { $0.bytes.count == 32 && $0.id == ClusterKeyID.derive(from: $0.bytes) })
    }
}
