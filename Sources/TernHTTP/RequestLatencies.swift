import Hummingbird
import NIOConcurrencyHelpers

/// How long requests took, per method and status class, for `tern_http_request_duration_seconds`.
public final class RequestLatencies: Sendable {
    private let histograms = NIOLockedValueBox<[String: LatencyHistogram]>([:])

    /// No requests yet.
    public init() {}

    /// Counts one request of `method` answered with `status` after `seconds`.
    public func observe(method: String, status: Int, seconds: Double) {
        let key = "\(method) \(status / 100)xx"
        histograms.withLockedValue { $0[key, default: LatencyHistogram()].observe(seconds) }
    }

    /// The histograms in Prometheus text.
    public func exposition() -> String {
        let snapshot = histograms.withLockedValue { $0 }
        var text = PrometheusText()
        text.family(
            "tern_http_request_duration_seconds", "histogram", help: "HTTP request latency by method and status class.")
        for key in snapshot.keys.sorted() {
            let parts = key.split(separator: " ")
            text.histogram(
                "tern_http_request_duration_seconds",
                labels: [("method", String(parts[0])), ("status", String(parts[1]))],
                snapshot[key]!)
        }
        return text.text
    }
}

/// Times every request into `RequestLatencies`.
struct LatencyMiddleware<Context: RequestContext>: RouterMiddleware {
    let latencies: RequestLatencies

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let start = ContinuousClock.now
        do {
            let response = try await next(request, context)
            record(request, status: response.status.code, since: start)
            return response
        } catch let error as HTTPResponseError {
            record(request, status: error.status.code, since: start)
            throw error
        } catch {
            record(request, status: 500, since: start)
            throw error
        }
    }

    private func record(_ request: Request, status: Int, since start: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        latencies.observe(method: request.method.rawValue, status: status, seconds: seconds)
    }
}
