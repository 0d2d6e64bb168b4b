import Foundation
import HTTPTypes
import TernCore
import TernHTTP
import TernTestKit
import Testing

@Suite("HTTP session routes")
struct SessionRoutesTests {
    @Test func postCreatesASessionWithARoutedIdAndReturns201() async throws {
        let harness = HTTPHarness(route: "a")
        try await harness.test { client in
            let response = try await client.send(
                .post, "/v1/contexts/shop/sessions", #"{"attributes": {"cart": [1, 2]}, "maxInactive": 60}"#)
            #expect(response.status == .created)
            let object = try response.jsonObject()
            let id = try #require(object["id"] as? String)
            #expect(id.hasSuffix(".a") && id.count == 24)
            #expect(object["context"] as? String == "shop")
            #expect(object["maxInactive"] as? Int == 60)
            #expect(object["created"] as? String == "2026-01-01T00:00:00.000Z")
            #expect((object["attributes"] as? [String: Any])?["cart"] as? [Int] == [1, 2])
            #expect(response.header("Location") == "/v1/contexts/shop/sessions/\(id)")
            #expect(response.header("Tern-Version") == object["version"] as? String)
            #expect(response.header("Tern-Acknowledged") == "0")
            #expect(response.header("Tern-Peers") == "0")
        }
    }

    @Test func postWithoutABodyCreatesAnEmptySession() async throws {
        try await HTTPHarness().test { client in
            let response = try await client.send(.post, "/v1/contexts/shop/sessions")
            #expect(response.status == .created)
            #expect((try response.jsonObject()["attributes"] as? [String: Any])?.isEmpty == true)
            #expect(try response.jsonObject()["maxInactive"] as? Int == 1800)
        }
    }

    @Test func getReturnsTheSessionAndCountsAsAnAccess() async throws {
        let harness = HTTPHarness()
        try await harness.test { client in
            let id = try await client.createSession(#"{"attributes": {"user": "ada"}}"#)
            harness.advance(seconds: 5)
            let response = try await client.send(.get, "/v1/contexts/shop/sessions/\(id)")
            #expect(response.status == .ok)
            let object = try response.jsonObject()
            #expect(object["lastAccessed"] as? String == "2026-01-01T00:00:05.000Z")
            #expect((object["attributes"] as? [String: Any])?["user"] as? String == "ada")
        }
    }

    @Test func anAbsentOrExpiredSessionIs404() async throws {
        let harness = HTTPHarness()
        try await harness.test { client in
            let status1 = try await client.send(.get, "/v1/contexts/shop/sessions/nope").status
            #expect(status1 == .notFound)
            let id = try await client.createSession(#"{"maxInactive": 10}"#)
            harness.advance(seconds: 10)
            let status2 = try await client.send(.get, "/v1/contexts/shop/sessions/\(id)").status
            #expect(status2 == .notFound)
            let status3 = try await client.send(.put, "/v1/contexts/shop/sessions/\(id)", "{}").status
            #expect(status3 == .notFound)
            let status4 = try await client.send(.patch, "/v1/contexts/shop/sessions/\(id)", "{}").status
            #expect(status4 == .notFound)
            let status5 = try await client.send(.delete, "/v1/contexts/shop/sessions/\(id)").status
            #expect(status5 == .notFound)
        }
    }

    @Test func putReplacesTheAttributes() async throws {
        try await HTTPHarness().test { client in
            let id = try await client.createSession(#"{"attributes": {"a": 1, "b": 2}}"#)
            let response = try await client.send(
                .put, "/v1/contexts/shop/sessions/\(id)", #"{"attributes": {"c": {"x": true}}, "maxInactive": 30}"#)
            #expect(response.status == .ok)
            let object = try response.jsonObject()
            let attributes = try #require(object["attributes"] as? [String: Any])
            #expect(Set(attributes.keys) == ["c"])
            #expect((attributes["c"] as? [String: Any])?["x"] as? Bool == true)
            #expect(object["maxInactive"] as? Int == 30)
        }
    }

    @Test func patchSetsAndRemoves() async throws {
        try await HTTPHarness().test { client in
            let id = try await client.createSession(#"{"attributes": {"a": 1, "b": 2}}"#)
            let response = try await client.send(
                .patch, "/v1/contexts/shop/sessions/\(id)", #"{"set": {"c": "three"}, "remove": ["a"]}"#)
            #expect(response.status == .ok)
            let attributes = try #require(try response.jsonObject()["attributes"] as? [String: Any])
            #expect(Set(attributes.keys) == ["b", "c"])
            #expect(attributes["c"] as? String == "three")
        }
    }

    @Test func deleteInvalidatesAndTheSessionIsGone() async throws {
        try await HTTPHarness().test { client in
            let id = try await client.createSession()
            let response = try await client.send(.delete, "/v1/contexts/shop/sessions/\(id)")
            #expect(response.status == .noContent)
            #expect(response.header("Tern-Version") != nil)
            let status6 = try await client.send(.get, "/v1/contexts/shop/sessions/\(id)").status
            #expect(status6 == .notFound)
        }
    }

    @Test func bytesTravelAsBase64AndComeBackTheSame() async throws {
        try await HTTPHarness().test { client in
            // 0xff 0x00 0x01 is not JSON text: it comes back as base64.
            let id = try await client.createSession(#"{"attributes": {"raw": {"base64": "/wAB"}}}"#)
            let response = try await client.send(.get, "/v1/contexts/shop/sessions/\(id)")
            let attributes = try #require(try response.jsonObject()["attributes"] as? [String: Any])
            #expect((attributes["raw"] as? [String: Any])?["base64"] as? String == "/wAB")
            let bad = try await client.send(
                .post, "/v1/contexts/shop/sessions", #"{"attributes": {"r": {"base64": "!"}}}"#)
            #expect(bad.status == .badRequest)
        }
    }

    @Test func listingPagesThroughIdsInOrder() async throws {
        try await HTTPHarness().test { client in
            var ids: [String] = []
            for _ in 0..<5 { ids.append(try await client.createSession()) }
            ids.sort { $0.utf8Precedes($1) }
            let first = try await client.send(.get, "/v1/contexts/shop/sessions?limit=3").jsonObject()
            #expect(first["ids"] as? [String] == Array(ids.prefix(3)))
            let next = try #require(first["next"] as? String)
            let second = try await client.send(.get, "/v1/contexts/shop/sessions?limit=3&after=\(next)").jsonObject()
            #expect(second["ids"] as? [String] == Array(ids.suffix(2)))
            #expect(second["next"] == nil || second["next"] is NSNull)
            let status7 = try await client.send(.get, "/v1/contexts/shop/sessions?limit=0").status
            #expect(status7 == .badRequest)
            let other = try await client.send(.get, "/v1/contexts/other/sessions").jsonObject()
            #expect((other["ids"] as? [String])?.isEmpty == true)
        }
    }
}
