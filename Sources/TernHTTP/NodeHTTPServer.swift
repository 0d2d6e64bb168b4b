import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

#if canImport(Glibc)
    import Glibc
#endif

/// The node's HTTP server as a ServiceLifecycle service: waits until the node is ready, then opens
/// the port and serves the routes of `NodeRouter` until graceful shutdown (in-flight requests finish,
/// idle connections close). A node stopped before it was ready never opens the port.
public struct NodeHTTPServer: Service {
    private let service: any SessionService
    private let host: String
    private let port: Int
    private let limits: HTTPLimits
    private let tokens: BearerTokens?
    private let eventLoopGroup: any EventLoopGroup
    private let logger: Logger
    private let waitUntilReady: @Sendable () async throws -> Bool
    private let onListening: @Sendable (String) -> Void

    /// A server of `service` on `host:port` (port 0: a free one), on `eventLoopGroup`, bounded by
    /// `limits` and, with `tokens`, open only to their bearers (refusals are logged to `logger`). It
    /// opens once `waitUntilReady` returns true, then reports the bound `HOST:PORT` to `onListening`.
    public init(
        service: any SessionService, host: String, port: Int, limits: HTTPLimits = .default,
        tokens: BearerTokens? = nil,
        eventLoopGroup: any EventLoopGroup, logger: Logger,
        waitUntilReady: @escaping @Sendable () async throws -> Bool,
        onListening: @escaping @Sendable (String) -> Void
    ) {
        self.service = service
        self.host = host
        self.port = port
        self.limits = limits
        self.tokens = tokens
        self.eventLoopGroup = eventLoopGroup
        self.logger = logger
        self.waitUntilReady = waitUntilReady
        self.onListening = onListening
    }

    /// Waits for readiness, then serves until graceful shutdown. Throws `NodeHTTPError` when the port
    /// cannot be bound, and what `waitUntilReady` throws.
    public func run() async throws {
        // A shutdown while the node still starts ends the wait (false): the port never opens. A
        // start-up that failed is rethrown, so the group reports it whichever service ends first.
        guard try await cancelWhenGracefulShutdown(waitUntilReady) else { return }
        let app = Application(
            router: NodeRouter.make(
                service: service, limits: limits, tokens: tokens, refusals: HTTPRefusals(logger: logger)),
            server: .http1(configuration: .init(idleTimeout: Self.idleTimeout)),
            configuration: .init(address: .hostname(host, port: port), serverName: "tern-node"),
            onServerRunning: { [onListening, host] channel in
                onListening(Self.describe(channel.localAddress, host: host))
            },
            eventLoopGroupProvider: .shared(eventLoopGroup),
            logger: logger)
        do {
            try await app.run()
        } catch let error as IOError {
            throw NodeHTTPError(address: "\(host):\(port)", reason: error.localizedLowercaseReason)
        }
    }

    /// How long a connection may stay silent, between requests or in the middle of one (a client
    /// that announced a body and sends none), before it is closed.
    public static let idleTimeout = TimeAmount.seconds(60)

    /// `127.0.0.1:8080`, `[::1]:8080`.
    static func describe(_ address: SocketAddress?, host: String) -> String {
        guard let address, let ip = address.ipAddress, let port = address.port else { return host }
        return ip.contains(":") ? "[\(ip)]:\(port)" : "\(ip):\(port)"
    }
}

/// The HTTP port could not be opened.
public struct NodeHTTPError: Error, Sendable, CustomStringConvertible {
    /// The address asked for.
    public var address: String
    /// Why, in the system's words.
    public var reason: String

    /// One line.
    public var description: String { "cannot listen for HTTP on \(address): \(reason)" }
}

extension IOError {
    /// `address already in use`, from the error number.
    fileprivate var localizedLowercaseReason: String {
        String(cString: strerror(errnoCode)).lowercased()
    }
}
