import HTTPTypes
import TernCore
import TernHTTP
import Testing

@Suite("HTTP bounds and malformed bodies")
struct BoundsTests {
    let limits = HTTPLimits(maxBodyBytes: 200, maxAttributes: 2, maxValueBytes: 8, maxNameBytes: 5, maxKeyBytes: 32)

    @Test func aBodyOverTheLimitIs413() async throws {
        try await HTTPHarness(limits: limits).test { client in
            let body = #"{"attributes": {"a": ""# + String(repeating: "x", count: 300) + #""}}"#
            let status1 = try await client.send(.post, "/v1/contexts/shop/sessions", body).status
            #expect(status1 == .contentTooLarge)
        }
    }

    @Test func tooManyOrTooLargeAttributesAre413() async throws {
        try await HTTPHarness(limits: limits).test { client in
            let many = #"{"attributes": {"a": 1, "b": 2, "c": 3}}"#
            let status2 = try await client.send(.post, "/v1/contexts/shop/sessions", many).status
            #expect(status2 == .contentTooLarge)
            let large = #"{"attributes": {"a": "123456789"}}"#
            let status3 = try await client.send(.post, "/v1/contexts/shop/sessions", large).status
            #expect(status3 == .contentTooLarge)
            let id = try await client.createSession(#"{"attributes": {"a": 1, "b": 2}}"#)
            let grow = try await client.send(.patch, "/v1/contexts/shop/sessions/\(id)", #"{"set": {"c": 3}}"#)
            #expect(grow.status == .contentTooLarge)
            let swap = try await client.send(
                .patch, "/v1/contexts/shop/sessions/\(id)", #"{"set": {"c": 3}, "remove": ["a"]}"#)
            #expect(swap.status == .ok)
        }
    }

    @Test func longNamesAre400() async throws {
        try await HTTPHarness(limits: limits).test { client in
            let body = #"{"attributes": {"toolong": 1}}"#
            let status4 = try await client.send(.post, "/v1/contexts/shop/sessions", body).status
            #expect(status4 == .badRequest)
            let status5 = try await client.send(.post, "/v1/contexts/\(String(repeating: "c", count: 33))/sessions")
                .status
            #expect(status5 == .badRequest)
        }
    }

    @Test func malformedJSONIs400WithAMessage() async throws {
        try await HTTPHarness().test { client in
            let broken = try await client.send(.post, "/v1/contexts/shop/sessions", "{")
            #expect(broken.status == .badRequest)
            #expect(broken.text.contains("JSON"))
            let wrongType = try await client.send(.post, "/v1/contexts/shop/sessions", #"{"maxInactive": "soon"}"#)
            #expect(wrongType.status == .badRequest)
            #expect(wrongType.text.contains("maxInactive"))
            let id = try await client.createSession()
            let status6 = try await client.send(.put, "/v1/contexts/shop/sessions/\(id)").status
            #expect(status6 == .badRequest)
        }
    }
}
