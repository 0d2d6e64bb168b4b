import Testing

@testable import TernCore

@Suite("Endpoint")
struct EndpointTests {
    @Test(
        "parses HOST:PORT, [IPV6]:PORT and :PORT",
        arguments: [
            ("127.0.0.1:4000", "127.0.0.1", 4000),
            ("node-a.example:65535", "node-a.example", 65535),
            ("[::1]:4000", "::1", 4000),
            (":4000", "", 4000),
        ] as [(String, String, UInt16)]
    )
    func parses(text: String, host: String, port: UInt16) throws {
        let endpoint = try Endpoint(parsing: text)
        #expect(endpoint == Endpoint(host: host, port: port))
        #expect(endpoint.description == text)
    }

    @Test(
        "rejects malformed text with the reason",
        arguments: [
            ("127.0.0.1", Endpoint.ParseError.missingPort("127.0.0.1")),
            ("host:", .badPort("host:")),
            ("host:0", .badPort("host:0")),
            ("host:65536", .badPort("host:65536")),
            ("host:+80", .badPort("host:+80")),
            ("host:٤٠", .badPort("host:٤٠")),
            ("::1:4000", .badHost("::1:4000")),
            ("[::1:4000", .badHost("[::1:4000")),
            ("[::1]4000", .missingPort("[::1]4000")),
            ("[]:4000", .badHost("[]:4000")),
        ]
    )
    func rejects(text: String, error: Endpoint.ParseError) {
        #expect(throws: error) { try Endpoint(parsing: text) }
    }

    @Test("port 0 only where allowed")
    func portZero() throws {
        #expect(try Endpoint(parsing: "127.0.0.1:0", allowZero: true).port == 0)
    }
}
