import HTTPTypes
import Hummingbird

/// Which of `HTTPLimits` a request went over: the `reason` label of `tern_http_rejected_total`.
public enum HTTPLimit: String, Sendable, CaseIterable {
    /// The body is larger than `maxBodyBytes` (announced by Content-Length, or found while reading).
    case body
    /// More attributes than `maxAttributes`: in the body, in a PATCH's `remove`, or in the session after the write.
    case attributes
    /// An attribute value larger than `maxValueBytes`.
    case value
}

/// A request refused for going over `limit`: 413 with the API's JSON error, counted by `HTTPRefusals`.
public struct HTTPLimitError: HTTPResponseError, Sendable {
    /// The limit gone over.
    public var limit: HTTPLimit
    /// The message of the JSON error.
    public var message: String

    /// A refusal for `limit`, saying `message`.
    public init(_ limit: HTTPLimit, _ message: String) {
        self.limit = limit
        self.message = message
    }

    /// 413.
    public var status: HTTPResponse.Status { .contentTooLarge }

    /// `{"error": {"message": …}}` with status 413; for a body, `Connection: close` too, so that a
    /// client stops sending the rest (the server reads and drops whatever still comes).
    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let headers: HTTPFields = limit == .body ? [.connection: "close"] : [:]
        return try HTTPError(.contentTooLarge, headers: headers, message: message).response(
            from: request, context: context)
    }
}
