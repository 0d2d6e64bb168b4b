import HTTPTypes
import TernCore
import TernHTTP
import TernTestKit
import Testing

@Suite("HTTP health, members and metrics")
struct NodeRoutesTests {
    @Test func healthzAnswersWhileReadyzFollowsReadiness() async throws {
        let harness = HTTPHarness(ready: false)
        try await harness.test { client in
            let status1 = try await client.send(.get, "/healthz").status
            #expect(status1 == .ok)
            let status2 = try await client.send(.get, "/readyz").status
            #expect(status2 == .serviceUnavailable)
            await harness.service.setReady(true)
            let status3 = try await client.send(.get, "/readyz").status
            #expect(status3 == .ok)
        }
    }

    @Test func membersListsThisNode() async throws {
        try await HTTPHarness().test { client in
            let object = try await client.send(.get, "/v1/members").jsonObject()
            let members = try #require(object["members"] as? [[String: Any]])
            #expect(members.count == 1)
            #expect(members[0]["id"] as? String == Samples.memberA.description)
            #expect(members[0]["self"] as? Bool == true)
            #expect(members[0]["state"] as? String == "ready")
        }
    }

    @Test func metricsCountSessionsPerContextExpiriesAndLatencies() async throws {
        let harness = HTTPHarness()
        try await harness.test { client in
            _ = try await client.createSession()
            _ = try await client.createSession(#"{"maxInactive": 1}"#)
            harness.advance(seconds: 2)
            _ = await harness.service.tick()
            let response = try await client.send(.get, "/metrics")
            #expect(response.status == .ok)
            #expect(response.header("Content-Type")?.hasPrefix("text/plain") == true)
            let text = response.text
            #expect(text.contains("tern_sessions{context=\"shop\"} 1\n"))
            #expect(text.contains("tern_sessions_created_total 2\n"))
            #expect(text.contains("tern_sessions_expired_total 1\n"))
            #expect(text.contains("tern_http_request_duration_seconds_count{method=\"POST\",status=\"2xx\"} 2\n"))
            #expect(text.contains("# TYPE tern_http_request_duration_seconds histogram"))
        }
    }
}
