import HTTPTypes
import Hummingbird
import NIOConcurrencyHelpers
import NIOCore
import TernHTTP
import Testing

@Suite("HTTP body limits: enforced while reading, counted")
struct BodyLimitTests {
    let harness = HTTPHarness(
        limits: HTTPLimits(maxBodyBytes: 2048, maxAttributes: 2, maxValueBytes: 8), tokens: [token])
    static let token = "dG9rZW4tb2YtdGhlLWJvZHktdGVzdHM="
    static let bearer: HTTPFields = [.authorization: "Bearer \(token)"]

    @Test func aContentLengthOverTheLimitIs413BeforeTheBodyIsRead() async throws {
        let chunks = Chunks(count: 1_000_000)
        try await harness.test { client in
            var headers = Self.bearer
            headers[.contentLength] = String(1 << 40)
            let response = try await client.send(
                .post, "/v1/contexts/shop/sessions", headers: headers, body: RequestBody(asyncSequence: chunks))
            #expect(response.status == .contentTooLarge)
            let error = try #require(try response.jsonObject()["error"] as? [String: Any])
            #expect(error["message"] as? String == "the body is larger than 2048 bytes")
            #expect(response.header("Connection") == "close", "so that the client stops sending")
        }
        #expect(chunks.pulled == 0)
        #expect(harness.refusals.count(HTTPLimit.body) == 1)
    }

    @Test func aBodyWithoutContentLengthIsRefusedOnceItPassesTheLimitNotAfterAll() async throws {
        let chunks = Chunks(count: 1_000_000)
        try await harness.test { client in
            let response = try await client.send(
                .put, "/v1/contexts/shop/sessions/x", headers: Self.bearer, body: RequestBody(asyncSequence: chunks))
            #expect(response.status == .contentTooLarge)
        }
        #expect(chunks.pulled == 3, "2 KiB in 1 KiB chunks: the third goes over")
        #expect(harness.refusals.count(HTTPLimit.body) == 1)
    }

    @Test func withoutATokenTheBodyIsNeitherReadNorCountedAsTooLarge() async throws {
        let chunks = Chunks(count: 1_000_000)
        try await harness.test { client in
            let response = try await client.send(
                .post, "/v1/contexts/shop/sessions", headers: [.contentLength: String(1 << 40)],
                body: RequestBody(asyncSequence: chunks))
            #expect(response.status == .unauthorized)
        }
        #expect(chunks.pulled == 0)
        #expect(harness.refusals.count(HTTPLimit.body) == 0)
    }

    @Test func eachLimitIsCountedUnderItsReasonInMetrics() async throws {
        try await harness.test { client in
            let large = try await client.send(
                .post, "/v1/contexts/shop/sessions", #"{"attributes": {"a": "123456789"}}"#, headers: Self.bearer)
            #expect(large.status == .contentTooLarge)
            let many = try await client.send(
                .post, "/v1/contexts/shop/sessions", #"{"attributes": {"a": 1, "b": 2, "c": 3}}"#, headers: Self.bearer)
            #expect(many.status == .contentTooLarge)
            let body = #"{"attributes": {"a": ""# + String(repeating: "x", count: 3000) + #""}}"#
            let tooLong = try await client.send(.post, "/v1/contexts/shop/sessions", body, headers: Self.bearer)
            #expect(tooLong.status == .contentTooLarge)
            let created = try await client.send(
                .post, "/v1/contexts/shop/sessions", #"{"attributes": {"a": 1, "b": 2}}"#, headers: Self.bearer)
            let id = try #require(try created.jsonObject()["id"] as? String)
            let grow = try await client.send(
                .patch, "/v1/contexts/shop/sessions/\(id)", #"{"set": {"c": 3}}"#, headers: Self.bearer)
            #expect(grow.status == .contentTooLarge)
            let text = try await client.send(.get, "/metrics", headers: Self.bearer).text
            #expect(text.contains("tern_http_rejected_total{reason=\"body\"} 1\n"))
            #expect(text.contains("tern_http_rejected_total{reason=\"attributes\"} 2\n"))
            #expect(text.contains("tern_http_rejected_total{reason=\"value\"} 1\n"))
        }
    }
}

/// `count` chunks of 1 KiB, counting how many were pulled.
private final class Chunks: AsyncSequence, Sendable {
    typealias Element = ByteBuffer
    let count: Int
    private let counter = NIOLockedValueBox(0)

    init(count: Int) {
        self.count = count
    }

    /// Chunks handed out so far.
    var pulled: Int { counter.withLockedValue { $0 } }

    func makeAsyncIterator() -> Iterator { Iterator(chunks: self) }

    struct Iterator: AsyncIteratorProtocol, Sendable {
        let chunks: Chunks

        mutating func next() async throws -> ByteBuffer? {
            let index = chunks.counter.withLockedValue { value -> Int in
                value += 1
                return value
            }
            return index <= chunks.count ? ByteBuffer(repeating: UInt8(ascii: "x"), count: 1024) : nil
        }
    }
}
