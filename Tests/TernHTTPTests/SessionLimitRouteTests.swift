import HTTPTypes
import TernCore
import TernHTTP
import TernTestKit
import Testing

/// `--max-sessions` over HTTP: a create in a full context answers 507 with a JSON error, nothing is
/// stored, writes to the sessions held still pass, and `tern_limit_hits_total` counts the refusal.
@Suite("HTTP creates over the sessions-per-context bound")
struct SessionLimitRouteTests {
    private func client(maxSessions: Int) -> RouterClient {
        let service = LocalSessionService(
            configuration: NodeSessionConfiguration(member: Samples.memberA, maxSessionsPerContext: maxSessions),
            generator: TestRandom(seed: 3), now: { 1_767_225_600_000 })
        return RouterClient(responder: NodeRouter.make(service: service, limits: .default).buildResponder())
    }

    @Test func aCreateInAFullContextIs507AndCounted() async throws {
        let client = client(maxSessions: 2)
        let first = try await client.createSession()
        _ = try await client.createSession()
        let refused = try await client.send(.post, "/v1/contexts/shop/sessions", "{}")
        #expect(refused.status.code == 507)
        let error = try #require(try refused.jsonObject()["error"] as? [String: Any])
        let message = try #require(error["message"] as? String)
        #expect(message.contains("context shop holds its limit of 2 sessions"), "\(message)")

        let update = try await client.send(.put, "/v1/contexts/shop/sessions/\(first)", #"{"attributes": {"a": 1}}"#)
        #expect(update.status == .ok, "a held session is still written")
        let elsewhere = try await client.send(.post, "/v1/contexts/blog/sessions", "{}")
        #expect(elsewhere.status == .created, "the bound is per context")

        let metrics = try await client.send(.get, "/metrics").text
        #expect(metrics.contains(#"tern_limit_hits_total{limit="sessions"} 1"#), "\(metrics)")
        #expect(metrics.contains(#"tern_limit_hits_total{limit="frame"} 0"#))
        #expect(metrics.contains(#"tern_sessions{context="shop"} 2"#))
    }

    @Test func anInvalidationMakesRoomAgain() async throws {
        let client = client(maxSessions: 1)
        let id = try await client.createSession()
        #expect(try await client.send(.post, "/v1/contexts/shop/sessions", "{}").status.code == 507)
        #expect(try await client.send(.delete, "/v1/contexts/shop/sessions/\(id)").status == .noContent)
        _ = try await client.createSession()
    }
}
