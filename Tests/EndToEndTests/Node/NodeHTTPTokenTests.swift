import Foundation
import TernTestKit
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// tern-node's HTTP API with `--http-token-file` and `--http-max-body`, over a real socket.
@Suite("tern-node: HTTP bearer tokens and body limit", .enabled(if: inPrivateNetworkNamespace, "needs .ci/netns-run (multicast)"))
struct NodeHTTPTokenTests {
    static let tokens = ["AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=", "second-token-of-the-node-test"]

    @Test func onlyBearersOfATokenReachTheAPIAndLargeBodiesAre413() throws {
        try withWorkspace { ws in
            try ws.write(Array(("# two tokens\n" + Self.tokens.joined(separator: "\n") + "\n").utf8), to: "tokens")
            #expect(chmod("\(ws.path)/tokens", 0o600) == 0)
            let node = try NodeProcess(
                "a", membership: nodeMembership(46_611), ["--http-token-file", "tokens", "--http-max-body", "1K"], in: ws)
            let http = try node.waitForHTTP()
            func request(_ method: String, _ path: String, body: String? = nil, token: String? = nil) throws -> HTTPReply {
                try HTTPClient.request(
                    method, http, path, body: body, headers: token.map { ["Authorization": "Bearer \($0)"] } ?? [:])
            }

            let refused = try request("POST", "/v1/contexts/shop/sessions", body: "{}")
            #expect(refused.status == 401, "\(refused)")
            #expect(refused.headers["www-authenticate"] == #"Bearer realm="tern""#)
            #expect(try refused.json["error"] is [String: Any])
            let wrong = try request("GET", "/metrics", token: "not-a-token-of-this-node")
            #expect(wrong.status == 401, "\(wrong)")
            #expect(try request("GET", "/healthz").status == 200)
            #expect(try request("GET", "/readyz").status == 200)

            for token in Self.tokens {
                let created = try request("POST", "/v1/contexts/shop/sessions", body: "{}", token: token)
                #expect(created.status == 201, "\(created)")
            }
            let large = #"{"attributes": {"a": ""# + String(repeating: "x", count: 2000) + #""}}"#
            let tooLarge = try request("POST", "/v1/contexts/shop/sessions", body: large, token: Self.tokens[0])
            #expect(tooLarge.status == 413, "\(tooLarge)")

            let metrics = try request("GET", "/metrics", token: Self.tokens[1]).text
            #expect(metrics.contains("tern_http_unauthorized_total{reason=\"missing\"} 1\n"), "\(metrics)")
            #expect(metrics.contains("tern_http_unauthorized_total{reason=\"invalid\"} 1\n"))
            #expect(metrics.contains("tern_http_rejected_total{reason=\"body\"} 1\n"))
            let ids = try request("GET", "/v1/contexts/shop/sessions", token: Self.tokens[1])
            #expect((try ids.json["ids"] as? [String])?.count == 2, "the refused POSTs stored nothing")
            #expect(try node.stop() == 0)
            #expect(node.tool.stderr.contains("HTTP request refused: no valid bearer token"), "\(node.tool.stderr)")
            #expect(!node.tool.stderr.contains("HTTP API is open to the network"))
        }
    }
}
