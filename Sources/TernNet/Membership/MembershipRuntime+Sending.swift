import NIOCore
import NIOPosix
import TernCore
import TernWire

extension MembershipRuntime {
    /// The datagram for `heartbeat` in the configured wire format; `at` gives Tomcat's alive time.
    func encode(_ heartbeat: Heartbeat, at: UnixMillis) throws -> ByteBuffer {
        var buffer = ByteBufferAllocator().buffer(capacity: 128)
        switch configuration.wire {
        case .tern:
            try HeartbeatAuthenticator.encode(heartbeat, signedWith: heartbeatKeys, into: &buffer)
        case .tribes:
            TribesMemberCodec.encode(try tribesMember(heartbeat, at: at), into: &buffer)
        }
        return buffer
    }

    /// This member as Tomcat describes a member: alive time since the start, the advertised host
    /// and port, the domain in ISO-8859-1, the member id as uniqueId, `BABY-ALEX` when leaving.
    private func tribesMember(_ heartbeat: Heartbeat, at: UnixMillis) throws -> TribesMember {
        guard let endpoint = heartbeat.endpoint else {
            throw HeartbeatEncodingError(field: "endpoint (Tomcat needs one)", size: 0, limit: 0)
        }
        let address = try SocketAddress(ipAddress: endpoint.host, port: Int(endpoint.port))
        let host: [UInt8]
        switch address {
        case .v4(let v4): host = withUnsafeBytes(of: v4.address.sin_addr) { Array($0) }
        case .v6(let v6): host = withUnsafeBytes(of: v6.address.sin6_addr) { Array($0) }
        default: host = []
        }
        return TribesMember(
            aliveTime: max(at - startedAt, 0), port: Int32(endpoint.port), host: host,
            command: heartbeat.state == .leaving ? TribesFormat.shutdownCommand : [],
            domain: TribesMember.latin1Bytes(heartbeat.domain) ?? Array(heartbeat.domain.utf8),
            uniqueId: TribesMember.uniqueId(of: heartbeat.member))
    }

    /// Sends `heartbeat` to the group and every peer not backing off; the future completes when all
    /// sends have. `sent` counts heartbeats that went to at least one destination.
    @discardableResult
    func announce(_ heartbeat: Heartbeat, force: Bool = false) -> EventLoopFuture<Void> {
        let at = now()
        guard let datagram = try? encode(heartbeat, at: at) else { return loop.makeSucceededVoidFuture() }
        let sends = senders.compactMap { $0.send(datagram, at: at, force: force) }
        if !sends.isEmpty { sent += 1 }
        return EventLoopFuture.andAllComplete(sends, on: loop)
    }

    /// Sets a freshly opened multicast socket's outgoing interface, TTL and loopback.
    func configureMulticastSender(_ channel: Channel) -> EventLoopFuture<Void> {
        guard let provider = channel as? SocketOptionProvider, let group else {
            return channel.eventLoop.makeSucceededVoidFuture()
        }
        let loopback: CUnsignedChar = configuration.loopback ? 1 : 0
        var device: NIONetworkDevice?
        if let interface = configuration.interface {
            do {
                device = try InterfaceResolver.device(interface, ipv6: group.protocol == .inet6)
            } catch {
                return channel.eventLoop.makeFailedFuture(error)
            }
        }
        if group.protocol == .inet6 {
            let index = CUnsignedInt(device?.interfaceIndex ?? 0)
            return provider.setIPv6MulticastIF(index)
                .flatMap { provider.setIPv6MulticastHops(CInt(self.configuration.ttl)) }
                .flatMap { provider.setIPv6MulticastLoop(CUnsignedInt(loopback)) }
        }
        let setInterface: EventLoopFuture<Void>
        if case .v4(let address) = device?.address {
            setInterface = provider.setIPMulticastIF(address.address.sin_addr)
        } else {
            setInterface = channel.eventLoop.makeSucceededVoidFuture()
        }
        return
            setInterface
            .flatMap { provider.setIPMulticastTTL(CUnsignedChar(self.configuration.ttl)) }
            .flatMap { provider.setIPMulticastLoop(loopback) }
    }
}
