import NIOCore
import NIOPosix
import TernCore
import TernWire

#if canImport(Glibc)
    import Glibc
#endif

extension MembershipRuntime {
    /// Datagrams one `recvmmsg` reads.
    static let messagesPerRead = 32

    /// Binds the group port on the wildcard address, shared with other members of this host
    /// (SO_REUSEADDR, SO_REUSEPORT), receiving only the groups this socket joins
    /// (IP_MULTICAST_ALL off) and each datagram's destination (to tell multicast from unicast), then
    /// joins the group.
    func bindReceiver() -> EventLoopFuture<Void> {
        let group = self.group!
        let anyAddress = group.protocol == .inet6 ? "::" : "0.0.0.0"
        let port = group.port ?? 0
        let handler = HeartbeatInboundHandler(runtime: self)
        return DatagramBootstrap(group: loop)
            .channelOption(.socketOption(.so_reuseaddr), value: 1)
            .channelOption(ChannelOptions.socketOption(NIOBSDSocket.Option(rawValue: SO_REUSEPORT)), value: 1)
            .channelOption(.socketOption(.so_rcvbuf), value: SocketOptionValue(configuration.receiveBufferBytes))
            .channelOption(.receivePacketInfo, value: true)
            .channelOption(.maxMessagesPerRead, value: 16)
            // A vector read (recvmmsg) shares the receive buffer among its messages: 32 × 4 KiB
            // holds any heartbeat, a Tomcat member with a large payload included.
            .channelOption(.datagramVectorReadMessageCount, value: Self.messagesPerRead)
            .channelOption(
                .recvAllocator, value: FixedSizeRecvByteBufferAllocator(capacity: Self.messagesPerRead * 4096)
            )
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(handler) }
            }
            .bind(host: anyAddress, port: port)
            .flatMapError { error in
                self.loop.makeFailedFuture(
                    MembershipTransportError.cannotBind(
                        self.configuration.group, reason: DatagramSender.describe(error)))
            }
            .flatMap { channel in
                self.receiver = channel
                let onlyJoined: EventLoopFuture<Void> =
                    group.protocol == .inet
                    ? channel.setOption(
                        ChannelOptions.ipOption(NIOBSDSocket.Option(rawValue: IP_MULTICAST_ALL)), value: 0)
                    : channel.eventLoop.makeSucceededVoidFuture()
                return onlyJoined.flatMap { self.join(first: true) }
            }
    }

    /// Joins the group on the configured interface (resolved anew each time). A failure is logged
    /// and left to the next maintenance round: the network may come later.
    func join(first: Bool) -> EventLoopFuture<Void> {
        guard let receiver = receiver as? MulticastChannel, let group else { return loop.makeSucceededVoidFuture() }
        var device: NIONetworkDevice?
        if let interface = configuration.interface {
            do {
                device = try InterfaceResolver.device(interface, ipv6: group.protocol == .inet6)
            } catch {
                logger.warning("cannot join \(configuration.group) yet: \(error)")
                return loop.makeSucceededVoidFuture()
            }
        }
        return receiver.joinGroup(group, device: device).flatMapErrorThrowing { error in
            if let error = error as? IOError, error.errnoCode == EADDRINUSE { return }  // already a member
            if first {
                self.logger.warning(
                    "cannot join \(self.configuration.group): \(DatagramSender.describe(error)); retrying every drop time"
                )
            } else {
                self.logger.debug("joining \(self.configuration.group) failed again: \(DatagramSender.describe(error))")
            }
        }
    }

    /// Joins again after the network came back or went quiet.
    func rejoin(reason: String) {
        guard !stopping else { return }
        logger.debug("joining \(configuration.group) again: \(reason)")
        _ = join(first: false)
    }

    /// One datagram from the receiving socket.
    func onDatagram(_ envelope: AddressedEnvelope<ByteBuffer>) {
        heardSinceMaintenance = true
        let at = now()
        let decoded: MembershipDatagram
        do {
            decoded = try MembershipDatagram.decode(envelope.data)
        } catch {
            undecodable += 1
            if error.isOversized { oversized += 1 }
            note(error.description, from: envelope.remoteAddress)
            return
        }
        var heartbeat = decoded.heartbeat
        let authenticity: HeartbeatAuthenticity
        if case .tern(let tern) = decoded {
            authenticity = HeartbeatAuthenticator.check(tern, in: envelope.data, keys: heartbeatKeys)
        } else {
            authenticity = .unsigned
        }
        let source = sourceName(envelope.remoteAddress)
        let decision = admission.onHeartbeat(heartbeat, authenticity: authenticity, source: source, at: at)
        if case .reject(let rejection, let report) = decision {
            if report { continuation.yield(.rejected(rejection)) }
            logger.debug("dropped a heartbeat from \(source): \(rejection.reason)")
            return
        }
        if let endpoint = heartbeat.endpoint, endpoint.host.isEmpty, let ip = envelope.remoteAddress.ipAddress {
            heartbeat.endpoint = Endpoint(host: ip, port: endpoint.port)
        }
        let destination = envelope.metadata?.packetInfo?.destinationAddress
        let path: HeartbeatPath = destination.map { $0.isMulticast ? .multicast : .unicast } ?? .multicast
        let update = table.onHeartbeat(ReceivedHeartbeat(heartbeat, path: path, source: source, at: at))
        if case .tribes(let member) = decoded, table.members[heartbeat.member] != nil {
            if tomcat.count >= configuration.membership.maxMembers {
                tomcat = tomcat.filter { table.members[$0.key] != nil }
            }
            tomcat[heartbeat.member] = member
        }
        for event in update.events { continuation.yield(.event(event, tomcat: tomcat[event.member])) }
        if update.nextTick != nil { scheduleTick(update.nextTick) }
        if table.idConflicts > reportedConflicts {
            if reportedConflicts == 0 {
                let id = configuration.membership.localMember?.description ?? ""
                logger.warning(
                    "another process announces this member's id \(id) from \(source): do two members share an --id-file?"
                )
            }
            reportedConflicts = table.idConflicts
        }
    }

    /// Logs a refused datagram: a warning for the first from each sender, debug afterwards.
    private func note(_ problem: String, from source: SocketAddress) {
        let name = sourceName(source)
        if warnedSources.count < 256, warnedSources.insert(name).inserted {
            logger.warning("ignoring datagrams from \(name): \(problem)")
        } else {
            logger.debug("ignoring a datagram from \(name): \(problem)")
        }
    }

    /// `HOST:PORT` of `address`, cached: formatting it for each of 50,000 datagrams a second would cost.
    private func sourceName(_ address: SocketAddress) -> String {
        if let name = sourceNames[address] { return name }
        if sourceNames.count >= 1024 { sourceNames.removeAll(keepingCapacity: true) }
        let name = address.endpointText
        sourceNames[address] = name
        return name
    }
}

/// Hands each datagram of the receiving socket to the runtime; errors are logged, never fatal.
final class HeartbeatInboundHandler: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>
    private let runtime: MembershipRuntime

    init(runtime: MembershipRuntime) {
        self.runtime = runtime
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        runtime.onDatagram(Self.unwrapInboundIn(data))
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        runtime.logger.debug("receiving: \(DatagramSender.describe(error))")
    }
}
