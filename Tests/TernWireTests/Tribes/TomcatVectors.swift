import Foundation
import NIOCore
import TernCore
import TernTestKit
import TernWire

/// The packets captured from a real Tomcat 10.1 (Vectors/, copied from the shared vectors).
enum TomcatVectors {
    struct Missing: Error, CustomStringConvertible {
        var name: String
        var description: String { "Vectors/\(name).hex is missing from the test bundle" }
    }

    /// The bytes of `name`.hex.
    static func bytes(_ name: String) throws -> [UInt8] {
        guard
            let url = Bundle.module.url(forResource: "Vectors", withExtension: nil)?.appendingPathComponent(
                "\(name).hex")
        else { throw Missing(name: name) }
        return Hex.bytes(try String(contentsOf: url, encoding: .utf8))
    }

    /// The bytes of `name`.hex in a buffer.
    static func buffer(_ name: String) throws -> ByteBuffer {
        ByteBuffer(bytes: try bytes(name))
    }

    /// The member of heartbeat.hex, field by field (vectors/README.md).
    static let heartbeatMember = TribesMember(
        aliveTime: 1025, port: 4000, securePort: -1, udpPort: -1, host: [127, 0, 0, 1], command: [],
        domain: Array("tribes-test".utf8), uniqueId: Hex.bytes("e2b42dffa489492ebacd19ebedf7fec0"),
        payload: Array("hello-payload".utf8))
}
