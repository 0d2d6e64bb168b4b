import NIOCore
import NIOPosix
import TernCore
import TernWire

/// For benchmarks only (`tern-ping --flood N`): sends N numbered heartbeats of one member to the
/// group, `rate` per second or as fast as the socket takes them, then, after a pause that lets receivers drain their
/// buffers, three leaving heartbeats. The heartbeats say interval 0 (unknown): they are not periodic.
public enum HeartbeatFlood {
    /// Sends the flood; the heartbeats go out in batches of 64 per flush, paced to `rate` per second
    /// when given, signed with the first of `keys` when given.
    public static func run(
        count: Int, rate: Int? = nil, group: Endpoint, interface: String?, ttl: UInt8, domain: String,
        member: MemberID, incarnation: UnixMillis, keys: ClusterKeyRing? = nil
    ) async throws {
        let address = try SocketAddress.resolving(group)
        let loop = MultiThreadedEventLoopGroup.singleton.next()
        let channel = try await DatagramBootstrap(group: loop).bind(host: "0.0.0.0", port: 0).get()
        if let provider = channel as? SocketOptionProvider {
            if let interface, case .v4(let device) = try InterfaceResolver.device(interface, ipv6: false).address {
                try await provider.setIPMulticastIF(device.address.sin_addr).get()
            }
            try await provider.setIPMulticastTTL(ttl).get()
            try await provider.setIPMulticastLoop(1).get()
        }
        let signing = keys.map(HeartbeatKeys.init)
        var heartbeat = Heartbeat(
            domain: domain, member: member, incarnation: incarnation, sequence: nil, interval: 0, name: "flood")
        var sequence: UInt64 = 0
        func batch(_ size: Int, state: MemberState) async throws {
            var last: EventLoopFuture<Void>?
            for _ in 0..<size {
                sequence += 1
                heartbeat.sequence = sequence
                heartbeat.state = state
                var buffer = channel.allocator.buffer(capacity: 128)
                try HeartbeatAuthenticator.encode(heartbeat, signedWith: signing, into: &buffer)
                last = channel.write(AddressedEnvelope(remoteAddress: address, data: buffer))
            }
            channel.flush()
            try await last?.get()
        }
        let clock = ContinuousClock()
        let start = clock.now
        while sequence < UInt64(count) {
            try await batch(min(64, count - Int(sequence)), state: .ready)
            if let rate, rate > 0 {
                try await Task.sleep(until: start + .seconds(Double(sequence) / Double(rate)), clock: clock)
            }
        }
        try await Task.sleep(for: .milliseconds(200))
        try await batch(HeartbeatAnnouncer.leavingCopies, state: .leaving)
        try await channel.close()
    }
}
