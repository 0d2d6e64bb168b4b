import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOConcurrencyHelpers
import NIOCore
import TernCore
import TernHTTP
import TernTestKit
import Testing

/// A node without peers behind the router, on a clock the test moves.
struct HTTPHarness: Sendable {
    let clock = NIOLockedValueBox(ManualClock())
    let service: LocalSessionService
    let limits: HTTPLimits

    init(style: ReplicationStyle = .delta, route: String? = nil, limits: HTTPLimits = .default, ready: Bool = true) {
        let clock = self.clock
        service = LocalSessionService(
            configuration: NodeSessionConfiguration(member: Samples.memberA, route: route, style: style),
            name: "a", ready: ready, generator: TestRandom(seed: 9), now: { clock.withLockedValue { $0.now } })
        self.limits = limits
    }

    /// Moves the clock forward.
    func advance(seconds: Int64) {
        clock.withLockedValue { $0.advance(seconds: seconds) }
    }

    /// Runs `body` with a client of the router.
    func test(_ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        try await Application(router: NodeRouter.make(service: service, limits: limits)).test(.router, body)
    }
}

extension TestClientProtocol {
    /// Sends `method` to `uri` with `body` as the JSON text.
    func send(_ method: HTTPRequest.Method, _ uri: String, _ body: String? = nil) async throws -> TestResponse {
        try await execute(uri: uri, method: method, body: body.map { ByteBuffer(string: $0) })
    }

    /// Creates a session in `shop` with `body`; returns its id.
    func createSession(_ body: String = "{}") async throws -> String {
        let response = try await send(.post, "/v1/contexts/shop/sessions", body)
        #expect(response.status == .created)
        return try #require(try response.jsonObject()["id"] as? String)
    }
}

extension TestResponse {
    /// The body as a JSON object.
    func jsonObject() throws -> [String: Any] {
        let data = Data(body.readableBytesView)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// The body as text.
    var text: String { String(buffer: body) }

    /// A header's value.
    func header(_ name: String) -> String? {
        headers[HTTPField.Name(name)!]
    }
}
