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
    /// header, another scheme, or no credentials.
    static func bearerToken(_ header: String?) -> String.UTF8View? {
        guard let header else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let token = parts[1].drop { $0 == " " }.reversed().drop { $0 == " " }.reversed()
        return token.isEmpty ? nil : String(token).utf8
    }
}
