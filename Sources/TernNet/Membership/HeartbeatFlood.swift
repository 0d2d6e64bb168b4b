import NIOCore
import NIOPosix
import TernCore
import TernWire

/// For benchmarks only (`tern-ping --flood N`): sends N numbered heartbeats of one member to the
/// group as fast as the socket takes them, then three leaving heartbeats.
public enum HeartbeatFlood {
    /// Sends the flood; the heartbeats go out in batches of 64 per flush.
    public static func run(
        count: Int, group: Endpoint, interface: String?, ttl: UInt8, domain: String, member: MemberID,
        incarnation: UnixMillis, interval: Int64
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
        var heartbeat = Heartbeat(
            domain: domain, member: member, incarnation: incarnation, sequence: nil, interval: interval, name: "flood")
        var sequence = 0
        while sequence < count + HeartbeatAnnouncer.leavingCopies {
            var last: EventLoopFuture<Void>?
            for _ in 0..<64 where sequence < count + HeartbeatAnnouncer.leavingCopies {
                sequence += 1
                heartbeat.sequence = UInt64(sequence)
                heartbeat.state = sequence > count ? .leaving : .ready
                var buffer = channel.allocator.buffer(capacity: 96)
                try HeartbeatCodec.encode(heartbeat, into: &buffer)
                last = channel.write(AddressedEnvelope(remoteAddress: address, data: buffer))
            }
            channel.flush()
            try await last?.get()
        }
        try await channel.close()
    }
}
