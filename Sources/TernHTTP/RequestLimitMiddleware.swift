import HTTPTypes
import Hummingbird

/// Refuses a request whose Content-Length is over `maxBodyBytes` before its body is read, and counts
/// every `HTTPLimitError` the routes throw (a body found too large while reading, too many
/// attributes, a value too large) in `refusals`.
struct RequestLimitMiddleware<Context: RequestContext>: RouterMiddleware {
    let maxBodyBytes: Int
    let refusals: HTTPRefusals

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > maxBodyBytes {
                throw HTTPLimitError(.body, "the body is larger than \(maxBodyBytes) bytes")
            }
            return try await next(request, context)
        } catch let error as HTTPLimitError {
            refusals.rejected(error.limit, message: error.message)
            throw error
        }
    }
}
