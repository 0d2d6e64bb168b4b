import HTTPTypes
import Hummingbird

/// Lets a request through only with `Authorization: Bearer TOKEN` of one of `tokens`; answers any
/// other 401 with a `WWW-Authenticate: Bearer realm="tern"` challenge (RFC 6750) and the API's JSON
/// error, and counts it in `refusals`. `NodeRouter` puts it on every route but `/healthz` and `/readyz`.
struct BearerTokenMiddleware<Context: RequestContext>: RouterMiddleware {
    let tokens: BearerTokens
    let refusals: HTTPRefusals

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard let token = Self.bearerToken(request.headers[.authorization]) else {
            refusals.unauthorized(.missing)
            throw HTTPError(
                .unauthorized, headers: [.wwwAuthenticate: #"Bearer realm="tern""#],
                message: "a bearer token is required: Authorization: Bearer TOKEN, a line of the node's --http-token-file")
        }
        guard tokens.accepts(token) else {
            refusals.unauthorized(.invalid)
            throw HTTPError(
                .unauthorized, headers: [.wwwAuthenticate: #"Bearer realm="tern", error="invalid_token""#],
                message: "the bearer token is not one of the node's --http-token-file")
        }
        return try await next(request, context)
    }

    /// The credentials of `Bearer CREDENTIALS` (the scheme in any case, RFC 7235), nil for no
    /// header, another scheme, or no credentials. Works on the UTF-8 bytes: it runs on every request.
    static func bearerToken(_ header: String?) -> Substring.UTF8View? {
        guard let header else { return nil }
        let bytes = header.utf8
        let space = UInt8(ascii: " ")
        var start = bytes.startIndex
        while start < bytes.endIndex, bytes[start] == space { start = bytes.index(after: start) }
        var index = start
        for expected in "bearer".utf8 {
            // ASCII letters only: `| 0x20` folds upper case to lower.
            guard index < bytes.endIndex, bytes[index] | 0x20 == expected else { return nil }
            index = bytes.index(after: index)
        }
        guard index < bytes.endIndex, bytes[index] == space else { return nil }
        while index < bytes.endIndex, bytes[index] == space { index = bytes.index(after: index) }
        var end = bytes.endIndex
        while end > index, bytes[bytes.index(before: end)] == space { end = bytes.index(before: end) }
        guard index < end else { return nil }
        return header[index..<end].utf8
    }
}
