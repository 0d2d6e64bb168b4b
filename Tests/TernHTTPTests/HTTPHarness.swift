import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOEmbedded
import TernCore
import TernHTTP
import TernTestKit
import Testing

/// A node without peers behind the router, on a clock the test moves.
struct HTTPHarness: Sendable {
    let clock = NIOLockedValueBox(ManualClock())
    let service: LocalSessionService
    let limits: HTTPLimits
    let tokens: BearerTokens?
    /// Refused requests, logged nowhere.
    let refusals = HTTPRefusals(logger: Logger(label: "tern.http.test", factory: { _ in SwiftLogNoOpLogHandler() }))

    init(
        style: ReplicationStyle = .delta, route: String? = nil, limits: HTTPLimits = .default, ready: Bool = true,
        tokens: [String] = []
    ) {
        let clock = self.clock
        service = LocalSessionService(
            configuration: NodeSessionConfiguration(member: Samples.memberA, route: route, style: style),
            name: "a", ready: ready, generator: TestRandom(seed: 9), now: { clock.withLockedValue { $0.now } })
        self.limits = limits
        self.tokens = BearerTokens(tokens)
    }

    /// Moves the clock forward.
    func advance(seconds: Int64) {
        clock.withLockedValue { $0.advance(seconds: seconds) }
    }

    /// Runs `body` with a client of the router.
    func test(_ body: @Sendable (RouterClient) async throws -> Void) async throws {
        let router = NodeRouter.make(service: service, limits: limits, tokens: tokens, refusals: refusals)
        try await body(RouterClient(responder: router.buildResponder()))
    }
}

/// Hands each request straight to the router's responder, in this process: no socket, no server,
/// so the tests need neither HummingbirdTesting nor the HTTP client it brings.
struct RouterClient: Sendable {
    let responder: RouterResponder<BasicRequestContext>
    private let logger = Logger(label: "tern.http.test")

    init(responder: RouterResponder<BasicRequestContext>) {
        self.responder = responder
    }

    /// Sends `method` to `uri` with `body` as the JSON text, and `headers`.
    func send(
        _ method: HTTPRequest.Method, _ uri: String, _ body: String? = nil, headers: HTTPFields = [:]
    ) async throws -> RoutedResponse {
        let buffer = body.map { ByteBuffer(string: $0) }
        var fields = headers
        if let buffer { fields[.contentLength] = String(buffer.readableBytes) }
        return try await send(method, uri, headers: fields, body: RequestBody(buffer: buffer ?? ByteBuffer()))
    }

    /// Sends `method` to `uri` with `headers` as given (no Content-Length added) and `body`.
    func send(
        _ method: HTTPRequest.Method, _ uri: String, headers: HTTPFields, body: RequestBody
    ) async throws -> RoutedResponse {
        let head = HTTPRequest(method: method, scheme: "http", authority: "localhost", path: uri, headerFields: headers)
        let request = Request(head: head, body: body)
        let context = BasicRequestContext(
            source: ApplicationRequestContextSource(channel: NIOAsyncTestingChannel(), logger: logger))
        let response: Response
        do {
            response = try await responder.respond(to: request, context: context)
        } catch {
            // What the server answers for an error that is not an HTTP error.
            response = Response(status: .internalServerError)
        }
        let collector = BodyCollector()
        try await response.body.write(collector)
        return RoutedResponse(head: response.head, body: collector.body)
    }

    /// Creates a session in `shop` with `body`; returns its id.
    func createSession(_ body: String = "{}") async throws -> String {
        let response = try await send(.post, "/v1/contexts/shop/sessions", body)
        #expect(response.status == .created)
        return try #require(try response.jsonObject()["id"] as? String)
    }
}

/// A response's head and its whole body.
struct RoutedResponse: Sendable {
    let head: HTTPResponse
    let body: ByteBuffer

    /// The status.
    var status: HTTPResponse.Status { head.status }

    /// The body as a JSON object.
    func jsonObject() throws -> [String: Any] {
        let data = Data(body.readableBytesView)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// The body as text.
    var text: String { String(buffer: body) }

    /// A header's value.
    func header(_ name: String) -> String? {
        head.headerFields[HTTPField.Name(name)!]
    }
}

/// Gathers what a response body writes.
private struct BodyCollector: ResponseBodyWriter {
    private let buffer = NIOLockedValueBox(ByteBuffer())

    /// Everything written so far.
    var body: ByteBuffer { buffer.withLockedValue { $0 } }

    func write(_ part: ByteBuffer) async throws {
        _ = buffer.withLockedValue { $0.writeImmutableBuffer(part) }
    }

    func finish(_ trailingHeaders: HTTPFields?) async throws {}
}
