import Foundation
import TernTestKit
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// One `tern-node --json` on 127.0.0.1 (replication and HTTP on ports the system chose), in the
/// private namespace `make test` runs in, or in a host of a `TestNetwork` (replication on the host's
/// address, HTTP on its own 127.0.0.1); its events are parsed as they come. Killed when released.
final class NodeProcess: @unchecked Sendable {
    let name: String
    let tool: RunningTool
    private let guarded: ExitGuard
    /// `ADDRESS:PORT` of its receiver, from the listening event.
    let replication: String
    /// The test-network host it runs in; nil: the test's own namespace.
    let host: TestNetwork.Host?

    /// Starts `tern-node --name NAME --json --listen ADDRESS:0 --http HTTP MEMBERSHIP ARGUMENTS`
    /// in `workspace` (in `host` when given, listening on its address) and waits for its listening event.
    init(
        _ name: String, membership: [String], _ arguments: [String] = [], http: String = "127.0.0.1:0",
        on host: TestNetwork.Host? = nil, in workspace: Workspace
    ) throws {
        self.name = name
        self.host = host
        tool = try RunningTool(
            "tern-node",
            ["--name", name, "--json", "--listen", "\(host?.address ?? "127.0.0.1"):0", "--http", http] + membership
                + arguments,
            runner: runner, prefix: host?.prefix ?? [], directory: workspace.path)
        guarded = ExitGuard(tool)
        let (_, line) = try tool.waitForLine(timeout: 30, "the listening event") { $0.contains("\"listening\"") }
        replication = try #require(Self.parse(line)?["address"] as? String)
    }

    /// Every event printed so far.
    var events: [[String: Any]] { tool.stdoutLines.compactMap(Self.parse) }

    /// The index of the first event named `event` (satisfying `predicate`), if printed.
    func index(of event: String, where predicate: ([String: Any]) -> Bool = { _ in true }) -> Int? {
        events.firstIndex { $0["event"] as? String == event && predicate($0) }
    }

    /// Waits for an event named `event` at index `from` or later that satisfies `predicate`.
    @discardableResult
    func waitFor(
        _ event: String, from start: Int = 0, timeout: Double = 30, where predicate: @escaping ([String: Any]) -> Bool = { _ in true }
    ) throws -> (object: [String: Any], index: Int) {
        let (index, line) = try tool.waitForLine(from: start, timeout: timeout, "a \(event) event of \(name)") {
            guard let object = Self.parse($0) else { return false }
            return object["event"] as? String == event && predicate(object)
        }
        return (Self.parse(line)!, index)
    }

    /// Waits until the HTTP port is open; returns its `127.0.0.1:PORT`.
    func waitForHTTP(timeout: Double = 60) throws -> String {
        try #require(try waitFor("http", timeout: timeout).object["address"] as? String)
    }

    /// The HTTP address, once open.
    var http: String {
        get throws { try waitForHTTP() }
    }

    /// Sends a request to the node's HTTP API.
    func request(_ method: String, _ path: String, body: String? = nil) throws -> HTTPReply {
        try HTTPClient.request(method, try http, path, body: body, namespace: host?.namespace)
    }

    /// Creates a session in `context` with string attributes; returns its id.
    func create(
        _ context: String = "shop", attributes: [String: String] = [:], maxInactive: Int? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> (id: String, reply: HTTPReply) {
        var object: [String: Any] = ["attributes": attributes]
        if let maxInactive { object["maxInactive"] = maxInactive }
        let body = String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
        let reply = try request("POST", "/v1/contexts/\(context)/sessions", body: body)
        try #require(reply.status == 201, "POST on \(name): \(reply)", sourceLocation: sourceLocation)
        return (try #require(try reply.json["id"] as? String, sourceLocation: sourceLocation), reply)
    }

    /// Reads a session: its attributes (nil when the node answers 404).
    func attributes(_ id: String, context: String = "shop", sourceLocation: SourceLocation = #_sourceLocation) throws
        -> [String: Any]?
    {
        let reply = try request("GET", "/v1/contexts/\(context)/sessions/\(id)")
        if reply.status == 404 { return nil }
        try #require(reply.status == 200, "GET on \(name): \(reply)", sourceLocation: sourceLocation)
        return try reply.json["attributes"] as? [String: Any]
    }

    /// The ids of live sessions in `context` (listing counts as no access).
    func ids(_ context: String = "shop") throws -> [String] {
        let reply = try request("GET", "/v1/contexts/\(context)/sessions?limit=1000")
        try #require(reply.status == 200, "list on \(name): \(reply)")
        return try #require(try reply.json["ids"] as? [String])
    }

    /// Waits until this node replicates to each of `names` (its `peer` events).
    func waitForPeers(_ names: [String], timeout: Double = 30) throws {
        for name in names {
            try waitFor("peer", timeout: timeout) { $0["name"] as? String == name && $0["endpoint"] is String }
        }
    }

    /// Pulls the node's state into `file` of `workspace` with tern-xfer (run in the node's host).
    func pull(to file: String, in workspace: Workspace) throws {
        guard let host else {
            try workspace.xferOK(["pull", "--from", replication, "-o", file])
            return
        }
        let arguments = host.prefix + [try runner.executable("tern-xfer"), "pull", "--from", replication, "-o", file]
        let result = try runner.runProgram(at: "/usr/bin/env", arguments, directory: workspace.path)
        try #require(result.status == 0 && !result.signaled, "tern-xfer pull from \(name): \(result)")
    }

    /// Sends SIGTERM and waits for the exit status.
    func stop(timeout: Double = 30) throws -> Int32 {
        tool.send(SIGTERM)
        return try tool.waitForExit(timeout: timeout)
    }

    /// Kills the node with SIGKILL (no leaving heartbeat, no snapshot) and waits for it to end.
    func kill() throws {
        tool.send(SIGKILL)
        _ = try tool.waitForExit(timeout: 30)
    }

    static func parse(_ line: String) -> [String: Any]? {
        (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
    }
}

/// Starts one node per name with the same flags, in the test's own namespace, and waits until each
/// serves HTTP and sees all the others.
func startCluster(
    _ names: [String], membership: [String], _ arguments: [String] = [], in workspace: Workspace
) throws -> [NodeProcess] {
    var nodes: [NodeProcess] = []
    for name in names {
        let node = try NodeProcess(name, membership: membership, arguments, in: workspace)
        _ = try node.waitForHTTP()
        nodes.append(node)
    }
    for node in nodes { try node.waitForPeers(names.filter { $0 != node.name }) }
    return nodes
}

/// Pulls each node's state into `NAME.tsnap` and compares every one with the first node's
/// (`tern-snap diff`): nil when all are identical, else what the differing comparisons printed.
func stateDifference(_ nodes: [NodeProcess], in workspace: Workspace) throws -> String? {
    for node in nodes { try node.pull(to: "\(node.name).tsnap", in: workspace) }
    let diffs = try nodes.dropFirst().map {
        try workspace.snap("diff", "\(nodes[0].name).tsnap", "\($0.name).tsnap")
    }
    return diffs.allSatisfy { $0.status == 0 } ? nil : diffs.map(\.stdoutText).joined()
}

/// Multicast only inside the private network namespace `make test` runs in (.ci/netns-run).
let inPrivateNetworkNamespace = ProcessInfo.processInfo.environment["TERN_PRIVATE_NETNS"] == "1"

/// Membership flags for a test: a group of its own (tests run in parallel in one namespace) and short
/// timings, so that a node is ready in about a second.
func nodeMembership(_ port: Int) -> [String] {
    ["--group", "239.255.77.\(port % 250 + 1):\(port)", "--interval", "100ms", "--drop-time", "1s"]
}

/// Polls `condition` every 50 ms until it holds or `timeout` seconds passed; returns whether it held.
func eventually(timeout: Double = 15, _ condition: () throws -> Bool) rethrows -> Bool {
    let deadline = Date(timeIntervalSinceNow: timeout)
    while true {
        if try condition() { return true }
        if Date() > deadline { return false }
        usleep(50_000)
    }
}
