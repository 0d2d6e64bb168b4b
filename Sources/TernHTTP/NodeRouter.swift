import Hummingbird
import Logging

/// The whole API of a node: sessions, members, health, readiness and metrics.
public enum NodeRouter {
    /// A router with every route of docs/HTTP.md over `service`. With `tokens`, every route but
    /// `/healthz` and `/readyz` needs one of them as a bearer token. Request latencies are recorded
    /// in `latencies`, refused requests (401, 413) in `refusals`; `/metrics` reports both with the
    /// service's own metrics.
    public static func make<Service: SessionService>(
        service: Service, limits: HTTPLimits = .default, tokens: BearerTokens? = nil,
        latencies: RequestLatencies = RequestLatencies(),
        refusals: HTTPRefusals = HTTPRefusals(logger: Logger(label: "tern.http"))
    ) -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: LatencyMiddleware(latencies: latencies))
        // Open without a token: they tell only whether the process runs and has its state, and
        // orchestrators' probes should not need the secret (docs/HTTP.md, "Authentication").
        router.get("healthz") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/plain"], body: .init(byteBuffer: .init(string: "ok\n")))
        }
        router.get("readyz") { _, _ in
            let ready = await service.isReady()
            return Response(
                status: ready ? .ok : .serviceUnavailable, headers: [.contentType: "text/plain"],
                body: .init(byteBuffer: .init(string: ready ? "ready\n" : "starting\n")))
        }
        // Everything else: the token first (a client without one learns nothing, not even a limit),
        // then the body limit, checked on Content-Length before the body is read.
        let api = router.group()
        if let tokens { api.add(middleware: BearerTokenMiddleware(tokens: tokens, refusals: refusals)) }
        api.add(middleware: RequestLimitMiddleware(maxBodyBytes: limits.maxBodyBytes, refusals: refusals))
        SessionRoutes(service: service, limits: limits).add(to: api)
        api.get("v1/members") { _, _ in
            try json(MembersJSON(members: await service.members()), status: .ok)
        }
        api.get("metrics") { _, _ in
            let text = await service.metrics() + latencies.exposition() + refusals.exposition()
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4"],
                body: .init(byteBuffer: .init(string: text)))
        }
        return router
    }
}

/// `{"members": [...]}`.
struct MembersJSON: Encodable {
    var members: [MemberView]
}
