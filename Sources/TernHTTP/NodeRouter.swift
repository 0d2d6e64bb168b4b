import Hummingbird

/// The whole API of a node: sessions, members, health, readiness and metrics.
public enum NodeRouter {
    /// A router with every route of docs/HTTP.md over `service`; request latencies are recorded in
    /// `latencies` and reported by `/metrics` with the service's own metrics.
    public static func make<Service: SessionService>(
        service: Service, limits: HTTPLimits = .default, latencies: RequestLatencies = RequestLatencies()
    ) -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: LatencyMiddleware(latencies: latencies))
        SessionRoutes(service: service, limits: limits).add(to: router)
        router.get("healthz") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/plain"], body: .init(byteBuffer: .init(string: "ok\n")))
        }
        router.get("readyz") { _, _ in
            let ready = await service.isReady()
            return Response(
                status: ready ? .ok : .serviceUnavailable, headers: [.contentType: "text/plain"],
                body: .init(byteBuffer: .init(string: ready ? "ready\n" : "starting\n")))
        }
        router.get("v1/members") { _, _ in
            try json(MembersJSON(members: await service.members()), status: .ok)
        }
        router.get("metrics") { _, _ in
            let text = await service.metrics() + latencies.exposition()
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
