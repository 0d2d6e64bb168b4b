import Logging
import NIOConcurrencyHelpers
import TernHTTP
import Testing

@Suite("Refused HTTP requests: counted, logged at most every 10 s")
struct HTTPRefusalsTests {
    @Test func refusalsAreLoggedOncePerKindPerTenSecondsButAllCounted() {
        let clock = NIOLockedValueBox<Int64>(0)
        let lines = NIOLockedValueBox<[String]>([])
        let logger = Logger(label: "test") { _ in CapturingLogHandler(lines: lines) }
        let refusals = HTTPRefusals(logger: logger, now: { clock.withLockedValue { $0 } })
        for _ in 0..<3 { refusals.unauthorized(.missing) }
        refusals.rejected(.body, message: "the body is larger than 1024 bytes")
        clock.withLockedValue { $0 = 9_999 }
        refusals.unauthorized(.invalid)
        clock.withLockedValue { $0 = 10_000 }
        refusals.unauthorized(.invalid)
        #expect(
            lines.withLockedValue { $0 } == [
                "HTTP request refused: no valid bearer token reason=missing unreported=0",
                "HTTP request refused: over a limit limit=body message=the body is larger than 1024 bytes unreported=0",
                "HTTP request refused: no valid bearer token reason=invalid unreported=3",
            ])
        #expect(refusals.count(UnauthorizedReason.missing) == 3)
        #expect(refusals.count(UnauthorizedReason.invalid) == 2)
        #expect(refusals.count(HTTPLimit.body) == 1)
    }
}

/// Keeps each warning as `MESSAGE key=value …`, keys sorted.
private struct CapturingLogHandler: LogHandler {
    let lines: NIOLockedValueBox<[String]>
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let fields = (event.metadata ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        lines.withLockedValue { $0.append(([event.message.description] + fields).joined(separator: " ")) }
    }
}
