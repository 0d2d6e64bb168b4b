import TernCore
import TernHTTP
import TernNet

/// The HTTP API's view of a running node: session operations replicated as `--replication` says,
/// the member table, readiness and metrics.
struct NodeSessionService: SessionService {
    let node: NodeRuntime
    /// This node's name, for `/v1/members`.
    let name: String

    func create(context: String, attributes: Attributes, maxInactiveSeconds: Int32?) async throws -> WriteReceipt {
        Self.receipt(try await node.create(context: context, attributes: attributes, maxInactiveSeconds: maxInactiveSeconds))
    }

    func read(_ key: SessionKey) async throws -> Session {
        try await node.access(key)
    }

    func replace(_ key: SessionKey, attributes: Attributes, maxInactiveSeconds: Int32?) async throws -> WriteReceipt {
        Self.receipt(try await node.replace(key, attributes: attributes, maxInactiveSeconds: maxInactiveSeconds))
    }

    func patch(
        _ key: SessionKey, set: Attributes, remove: [String], maxInactiveSeconds: Int32?, maxAttributes: Int
    ) async throws -> WriteReceipt {
        Self.receipt(
            try await node.patch(
                key, set: set, remove: remove, maxInactiveSeconds: maxInactiveSeconds, maxAttributes: maxAttributes))
    }

    func invalidate(_ key: SessionKey) async throws -> WriteReceipt {
        Self.receipt(try await node.invalidate(key))
    }

    func list(context: String, after: String?, limit: Int) async -> [String] {
        await node.ids(in: context, after: after, limit: limit)
    }

    func members() async -> [MemberView] {
        let me = MemberView(
            id: node.configuration.identity.member.description, name: name,
            state: await node.announcedState().description, status: "alive", endpoint: await node.advertisedEndpoint()?.description,
            isSelf: true)
        guard let snapshot = await node.membershipSnapshot() else { return [me] }
        let others = snapshot.table.members.values.sorted { $0.firstSeen < $1.firstSeen }.map { record in
            MemberView(
                id: record.heartbeat.member.description, name: record.heartbeat.name,
                state: record.heartbeat.state.description, status: record.status.description,
                endpoint: record.heartbeat.endpoint?.description, isSelf: false)
        }
        return [me] + others
    }

    func isReady() async -> Bool {
        await node.isReady()
    }

    func metrics() async -> String {
        guard let metrics = await node.metrics() else { return "" }
        return SessionMetrics.exposition(
            sessionsPerContext: metrics.sessionsPerContext, records: metrics.records, counters: metrics.sessions,
            limitHits: metrics.limitHits)
            + NodeMetricsText.exposition(metrics)
    }

    static func receipt(_ result: NodeWriteResult) -> WriteReceipt {
        WriteReceipt(
            session: result.write.session,
            version: result.write.message?.newestVersion ?? result.write.session?.version,
            acknowledged: result.acknowledged, peers: result.peers)
    }
}
