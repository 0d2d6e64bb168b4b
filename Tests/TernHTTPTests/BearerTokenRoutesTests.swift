import HTTPTypes
import TernHTTP
import Testing

@Suite("HTTP bearer tokens")
struct BearerTokenRoutesTests {
    static let first = "Zmlyc3QtdG9rZW4tb2YtdGVzdHM="
    static let second = "c2Vjb25kLXRva2VuLW9mLXRlc3Rz"
    let harness = HTTPHarness(tokens: [Self.first, Self.second])

    static func bearer(_ token: String) -> HTTPFields { [.authorization: "Bearer \(token)"] }

    @Test func aRequestWithoutATokenIs401WithABearerChallengeAndAJSONError() async throws {
        try await harness.test { client in
            for (method, path) in [
                (HTTPRequest.Method.get, "/v1/members"), (.get, "/metrics"), (.get, "/v1/contexts/shop/sessions"),
                (.post, "/v1/contexts/shop/sessions"), (.get, "/v1/contexts/shop/sessions/x"),
                (.delete, "/v1/contexts/shop/sessions/x"),
            ] {
                let response = try await client.send(method, path)
                #expect(response.status == .unauthorized, "\(method) \(path)")
                #expect(response.header("WWW-Authenticate") == #"Bearer realm="tern""#)
                let error = try #require(try response.jsonObject()["error"] as? [String: Any])
                #expect((error["message"] as? String)?.hasPrefix("a bearer token is required") == true)
            }
            #expect(harness.refusals.count(UnauthorizedReason.missing) == 6)
            let ids = try await client.send(.get, "/v1/contexts/shop/sessions", headers: Self.bearer(Self.first))
            #expect(try ids.jsonObject()["ids"] as? [String] == [], "the refused POST created nothing")
        }
    }

    @Test func aWrongTokenOrAnotherSchemeIs401() async throws {
        try await harness.test { client in
            let wrong = try await client.send(.get, "/v1/members", headers: Self.bearer(Self.first + "x"))
            #expect(wrong.status == .unauthorized)
            #expect(wrong.header("WWW-Authenticate") == #"Bearer realm="tern", error="invalid_token""#)
            let prefix = try await client.send(.get, "/v1/members", headers: Self.bearer(String(Self.first.dropLast())))
            #expect(prefix.status == .unauthorized)
            let basic = try await client.send(.get, "/v1/members", headers: [.authorization: "Basic \(Self.first)"])
            #expect(basic.status == .unauthorized)
            let empty = try await client.send(.get, "/v1/members", headers: [.authorization: "Bearer "])
            #expect(empty.status == .unauthorized)
            let glued = try await client.send(.get, "/v1/members", headers: [.authorization: "Bearer\(Self.first)"])
            #expect(glued.status == .unauthorized)
            let mixedCase = try await client.send(.get, "/v1/members", headers: [.authorization: "BeArEr \(Self.first)"])
            #expect(mixedCase.status == .ok)
            #expect(harness.refusals.count(UnauthorizedReason.invalid) == 2)
            #expect(harness.refusals.count(UnauthorizedReason.missing) == 3)
        }
    }

    @Test(arguments: [first, second])
    func eachTokenOfTheFileIsAccepted(token: String) async throws {
        try await harness.test { client in
            let members = try await client.send(.get, "/v1/members", headers: Self.bearer(token))
            #expect(members.status == .ok)
            let created = try await client.send(.post, "/v1/contexts/shop/sessions", "{}", headers: Self.bearer(token))
            #expect(created.status == .created)
            let lowercase = try await client.send(.get, "/metrics", headers: [.authorization: "bearer  \(token)"])
            #expect(lowercase.status == .ok, "the scheme in any case, RFC 7235")
            #expect(harness.refusals.count(UnauthorizedReason.missing) == 0)
        }
    }

    @Test func healthAndReadinessStayOpen() async throws {
        try await harness.test { client in
            let health = try await client.send(.get, "/healthz")
            #expect(health.status == .ok)
            let ready = try await client.send(.get, "/readyz")
            #expect(ready.status == .ok)
        }
    }

    @Test func metricsCountTheRefusalsByReason() async throws {
        try await harness.test { client in
            _ = try await client.send(.get, "/v1/members")
            _ = try await client.send(.get, "/v1/members", headers: Self.bearer("not-one-of-the-tokens"))
            _ = try await client.send(.get, "/v1/members", headers: Self.bearer("not-one-of-the-tokens"))
            let text = try await client.send(.get, "/metrics", headers: Self.bearer(Self.second)).text
            #expect(text.contains("# TYPE tern_http_unauthorized_total counter\n"))
            #expect(text.contains("tern_http_unauthorized_total{reason=\"missing\"} 1\n"))
            #expect(text.contains("tern_http_unauthorized_total{reason=\"invalid\"} 2\n"))
            #expect(text.contains("tern_http_request_duration_seconds_count{method=\"GET\",status=\"4xx\"} 3\n"))
        }
    }

    @Test func withoutTokensEveryRouteIsOpen() async throws {
        try await HTTPHarness().test { client in
            let members = try await client.send(.get, "/v1/members")
            #expect(members.status == .ok)
            let metrics = try await client.send(.get, "/metrics")
            #expect(metrics.text.contains("tern_http_unauthorized_total{reason=\"missing\"} 0\n"))
        }
    }
}
