import Logging
import NIOConcurrencyHelpers
import TernCore

/// Why a request was answered 401: the `reason` label of `tern_http_unauthorized_total`.
public enum UnauthorizedReason: String, Sendable, CaseIterable {
    /// No `Authorization: Bearer …` header.
    case missing
    /// A bearer token that is not in the token file.
    case invalid
}

/// Requests refused by the node's HTTP API: counted for `/metrics`, and logged as warnings at most
/// once every 10 s per kind (unauthorized, over a limit), with the number left unlogged since.
public final class HTTPRefusals: Sendable {
    private struct State {
        var unauthorized: [UnauthorizedReason: Int] = [:]
        var rejected: [HTTPLimit: Int] = [:]
        var unauthorizedReports = ThrottledReport()
        var rejectedReports = ThrottledReport()
    }

    private let state = NIOLockedValueBox(State())
    private let logger: Logger
    private let now: @Sendable () -> Int64

    /// Refusals logged to `logger`, with time in milliseconds from `now` (monotonic).
    public init(logger: Logger, now: @escaping @Sendable () -> Int64 = HTTPRefusals.monotonicMillis) {
        self.logger = logger
        self.now = now
    }

    /// Milliseconds of the system's monotonic clock.
    public static func monotonicMillis() -> Int64 {
        let elapsed = ContinuousClock.now - Self.origin
        return elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000
    }

    private static let origin = ContinuousClock.now

    /// Counts a request answered 401 for `reason`.
    public func unauthorized(_ reason: UnauthorizedReason) {
        let time = now()
        let unreported = state.withLockedValue { state -> Int? in
            state.unauthorized[reason, default: 0] += 1
            return state.unauthorizedReports.onOccurrence(now: time)
        }
        guard let unreported else { return }
        logger.warning(
            "HTTP request refused: no valid bearer token",
            metadata: ["reason": "\(reason.rawValue)", "unreported": "\(unreported)"])
    }

    /// Counts a request answered 413 for going over `limit`.
    public func rejected(_ limit: HTTPLimit, message: String) {
        let time = now()
        let unreported = state.withLockedValue { state -> Int? in
            state.rejected[limit, default: 0] += 1
            return state.rejectedReports.onOccurrence(now: time)
        }
        guard let unreported else { return }
        logger.warning(
            "HTTP request refused: over a limit",
            metadata: ["limit": "\(limit.rawValue)", "message": "\(message)", "unreported": "\(unreported)"])
    }

    /// How many requests were answered 401 for `reason`.
    public func count(_ reason: UnauthorizedReason) -> Int {
        state.withLockedValue { $0.unauthorized[reason, default: 0] }
    }

    /// How many requests were answered 413 for `limit`.
    public func count(_ limit: HTTPLimit) -> Int {
        state.withLockedValue { $0.rejected[limit, default: 0] }
    }

    /// `tern_http_unauthorized_total` and `tern_http_rejected_total` in Prometheus text, every reason
    /// shown (zero included) so that a rate can be taken before the first refusal.
    public func exposition() -> String {
        let (unauthorized, rejected) = state.withLockedValue { ($0.unauthorized, $0.rejected) }
        var text = PrometheusText()
        text.family(
            "tern_http_unauthorized_total", "counter", help: "HTTP requests answered 401: no or an unknown bearer token.")
        for reason in UnauthorizedReason.allCases {
            text.sample("tern_http_unauthorized_total", labels: [("reason", reason.rawValue)], unauthorized[reason] ?? 0)
        }
        text.family("tern_http_rejected_total", "counter", help: "HTTP requests answered 413, by the limit gone over.")
        for limit in HTTPLimit.allCases {
            text.sample("tern_http_rejected_total", labels: [("reason", limit.rawValue)], rejected[limit] ?? 0)
        }
        return text.text
    }
}
