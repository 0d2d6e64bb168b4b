import Logging
import NIOConcurrencyHelpers
import TernHTTP
import TernTestKit
import Testing

@Suite("Refused HTTP requests: counted, logged at most every 10 s")
struct HTTPRefusalsTests {
    @Test func refusalsAreLoggedOncePerKindPerTenSecondsButAllCounted() {
        let clock = NIOLockedValueBox<Int64>(0)
        let logs = CapturedLogs()
        let refusals = HTTPRefusals(logger: logs.logger, now: { clock.withLockedValue { $0 } })
        for _ in 0..<3 { refusals.unauthorized(.missing) }
        refusals.rejected(.body, message: "the body is larger than 1024 bytes")
        clock.withLockedValue { $0 = 9_999 }
        refusals.unauthorized(.invalid)
        clock.withLockedValue { $0 = 10_000 }
        refusals.unauthorized(.invalid)
        #expect(
            logs.lines == [
                "HTTP request refused: no valid bearer token reason=missing unreported=0",
                "HTTP request refused: over a limit limit=body message=the body is larger than 1024 bytes unreported=0",
                "HTTP request refused: no valid bearer token reason=invalid unreported=3",
            ])
        #expect(refusals.count(UnauthorizedReason.missing) == 3)
        #expect(refusals.count(UnauthorizedReason.invalid) == 2)
        #expect(refusals.count(HTTPLimit.body) == 1)
    }
}
