import Foundation
import TernTestKit
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The datagram bound on a real node (docs/LIMITS.md): a tern heartbeat over 1,400 bytes sent to the
/// node's group is dropped and counted in `tern_limit_hits_total{limit="datagram"}`.
@Suite("tern-node: the datagram bound", .enabled(if: inPrivateNetworkNamespace, "needs .ci/netns-run (multicast)"))
struct NodeDatagramLimitTests {
    @Test func anOversizedHeartbeatIsCounted() throws {
        let port = 46_507
        try withWorkspace { ws in
            let node = try NodeProcess("a", membership: nodeMembership(port), in: ws)
            _ = try node.waitForHTTP()
            let metric = #"tern_limit_hits_total{limit="datagram"} "#
            #expect(try node.request("GET", "/metrics").text.contains(metric + "0"))

            // tern's heartbeat magic, then more bytes than the bound allows.
            try Self.send([0x89, 0x54, 0x48, 0x42] + [UInt8](repeating: 0, count: 2000), to: port)
            let counted = try eventually { try node.request("GET", "/metrics").text.contains(metric + "1") }
            let metrics = try node.request("GET", "/metrics").text
            #expect(counted, "\(metrics)")
            #expect(try node.stop() == 0)
        }
    }

    /// One UDP datagram to the group `nodeMembership(port)` names (inside this private namespace).
    private static func send(_ bytes: [UInt8], to port: Int) throws {
        let descriptor = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        try #require(descriptor >= 0, "socket: errno \(errno)")
        defer { close(descriptor) }
        var target = sockaddr_in()
        target.sin_family = sa_family_t(AF_INET)
        target.sin_port = UInt16(port).bigEndian
        target.sin_addr.s_addr = inet_addr("239.255.77.\(port % 250 + 1)")
        let sent = withUnsafePointer(to: &target) { address in
            address.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                sendto(descriptor, bytes, bytes.count, 0, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        try #require(sent == bytes.count, "sendto: errno \(errno)")
    }
}
