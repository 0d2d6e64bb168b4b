import Foundation
import TernTestKit
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// One `tern-node --json` in a host of a `TestNetwork`: replication on the host's bridge address
/// (port 4000), HTTP on the host's own 127.0.0.1:8080, membership on `eth0`. The test reaches its
/// HTTP API with curl run inside the host, so a host whose link is down still answers its clients,
/// as a partitioned node does. Killed when released.
final class NetworkedNode: @unchecked Sendable {
    let name: String
    let host: TestNetwork.Host
    let network: TestNetwork
    let tool: RunningTool
    private let guarded: ExitGuard

    /// The node's replication endpoint.
    var replication: String { "\(host.address):4000" }

    /// Starts `tern-node --name NAME` in `host` with `arguments` after the network's own options.
    init(_ name: String, on host: TestNetwork.Host, of network: TestNetwork, _ arguments: [String], in workspace: Workspace)
        throws
    {
        self.name = name
        self.host = host
        self.network = network
        tool = try RunningTool(
            "tern-node",
            [
                "--name", name, "--json", "--listen", "\(host.address):4000", "--http", "127.0.0.1:8080",
                "--interface", "eth0", "--interval", "100ms", "--drop-time", "1s",
            ] + arguments,
            runner: runner, prefix: host.prefix, directory: workspace.path)
        guarded = ExitGuard(tool)
    }

    /// Waits for an event named `event` at index `from` or later that satisfies `predicate`.
    @discardableResult
    func waitFor(
        _ event: String, from start: Int = 0, timeout: Double = 30,
        where predicate: @escaping ([String: Any]) -> Bool = { _ in true }
    ) throws -> (object: [String: Any], index: Int) {
        let (index, line) = try tool.waitForLine(from: start, timeout: timeout, "a \(event) event of \(name)") {
            guard let object = NodeProcess.parse($0) else { return false }
            return object["event"] as? String == event && predicate(object)
        }
        return (NodeProcess.parse(line)!, index)
    }

    /// Every event printed so far.
    var events: [[String: Any]] { tool.stdoutLines.compactMap(NodeProcess.parse) }

    /// Sends a request to the node's HTTP API from inside its host.
    func request(_ method: String, _ path: String, body: String? = nil) throws -> HTTPReply {
        var command = ["curl", "-s", "-i", "--max-time", "30", "-X", method]
        if let body { command += ["-H", "Content-Type: application/json", "--data-binary", body] }
        command.append("http://127.0.0.1:8080\(path)")
        let result = try network.run(host, command, timeout: 40)
        guard result.status == 0, let reply = HTTPClient.parse(result.stdout, complete: true) else {
            throw HTTPClient.Failure(description: "\(method) \(path) on \(name): \(result)")
        }
        return reply
    }

    /// Pulls the node's state into `file` of `workspace` with tern-xfer, run from the node's host.
    func pull(to file: String, in workspace: Workspace) throws {
        let xfer = try runner.executable("tern-xfer")
        let result = try network.run(
            host, [xfer, "pull", "--from", replication, "-o", "\(workspace.path)/\(file)", "--timeout", "10s"],
            timeout: 30)
        try #require(result.status == 0, "pull from \(name): \(result)")
    }

    /// Sends SIGTERM and waits for the exit status.
    func stop(timeout: Double = 30) throws -> Int32 {
        tool.send(SIGTERM)
        return try tool.waitForExit(timeout: timeout)
    }
}
