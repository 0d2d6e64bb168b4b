import Foundation
import TernTestKit
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A `tern-recv` running in the background on 127.0.0.1 with a port the system chose, read from
/// its "listening" line. Killed when released, so a failing test leaves nothing running.
struct Receiver {
    let tool: RunningTool
    /// `127.0.0.1:PORT`.
    let address: String
    /// Kills the receiver if the test ends (or fails) before stopping it.
    let guarded: ExitGuard

    /// Starts `tern-recv --listen 127.0.0.1:0 ARGUMENTS…` in `workspace` and waits until it listens.
    static func start(_ arguments: [String], in workspace: Workspace) throws -> Receiver {
        let tool = try RunningTool(
            "tern-recv", ["--listen", "127.0.0.1:0"] + arguments, runner: runner, directory: workspace.path)
        let guarded = ExitGuard(tool)
        let (_, line) = try tool.waitForLine(timeout: 30, "the listening line") { $0.contains("listening") }
        let address: String
        if line.hasPrefix("{") {
            address = try #require(try JSONLines.object(line)["address"] as? String)
        } else {
            let words = line.split(separator: " ")
            let index = try #require(words.firstIndex(of: "on"), "no address in \(line)")
            address = String(words[index + 1])
        }
        return Receiver(tool: tool, address: address, guarded: guarded)
    }

    /// Sends SIGTERM and returns the exit status.
    func stop() throws -> Int32 {
        tool.send(SIGTERM)
        return try tool.waitForExit(timeout: 30)
    }
}

extension Workspace {
    /// Runs `tern-xfer` with `arguments` in the workspace.
    @discardableResult
    func xfer(_ arguments: [String], stdin: [UInt8]? = nil) throws -> ToolRunner.Result {
        try runner.run("tern-xfer", arguments, stdin: stdin, directory: path)
    }

    /// Runs `tern-xfer` and requires exit status 0.
    @discardableResult
    func xferOK(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> ToolRunner.Result {
        let result = try xfer(arguments)
        try #require(
            result.status == 0 && !result.signaled, "tern-xfer \(arguments.joined(separator: " ")): \(result)",
            sourceLocation: sourceLocation)
        return result
    }

    /// Requires that `tern-snap diff a b` finds no difference.
    func expectSameSessions(_ first: String, _ second: String, sourceLocation: SourceLocation = #_sourceLocation)
        throws
    {
        let result = try snap("diff", first, second)
        #expect(
            result.status == 0, "diff \(first) \(second): \(result.stdoutText) \(result)",
            sourceLocation: sourceLocation)
    }
}

/// A plain TCP connection to 127.0.0.1, for sending bytes no tern tool would send (a
/// `LoopbackSocket` addressed as the tools print it).
final class RawConnection {
    private let socket: LoopbackSocket

    /// Connects to `address` (`127.0.0.1:PORT`).
    init(_ address: String) throws {
        let port = try #require(UInt16(address.split(separator: ":").last ?? ""))
        socket = try LoopbackSocket(port: port)
    }

    /// Sends `bytes` (ignoring a peer that already closed).
    func send(_ bytes: [UInt8]) {
        socket.send(bytes)
    }

    /// Reads until the peer closes (or `limit` bytes); returns what came.
    func readToEnd(limit: Int = 1 << 16) -> [UInt8] {
        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while received.count < limit {
            let count = chunk.withUnsafeMutableBytes { recv(socket.descriptor, $0.baseAddress, $0.count, 0) }
            if count <= 0 { break }
            received += chunk[0..<count]
        }
        return received
    }

    /// Reads and discards until the peer closes (true) or `seconds` pass without that (false).
    func waitForClose(seconds: Int) -> Bool {
        socket.read(seconds: Double(seconds)).closed
    }
}

/// A listening socket on 127.0.0.1 that never accepts: connections complete in the kernel and then
/// hear nothing, like a hung peer.
final class SilentPeer {
    private let descriptor: Int32
    /// `127.0.0.1:PORT`.
    let address: String

    init() throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var local = sockaddr_in()
        local.sin_family = sa_family_t(AF_INET)
        local.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &local) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        let listening = bound == 0 && listen(descriptor, 16) == 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &local) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        self.descriptor = descriptor
        address = "127.0.0.1:\(UInt16(bigEndian: local.sin_port))"
        try #require(listening, "cannot listen on 127.0.0.1")
    }

    deinit {
        close(descriptor)
    }
}

/// A port on 127.0.0.1 where nothing listens.
func closedAddress() throws -> String {
    try SilentPeer().address
}

/// The preface tern tools send: magic, version 1, domain `default`, a member id.
let defaultPreface: [UInt8] =
    [0x89, 0x54, 0x52, 0x45, 0x50, 0x4C, 0x0D, 0x0A, 0, 1, 0, 7] + Array("default".utf8)
    + [UInt8](repeating: 7, count: 16)

extension RunningTool {
    /// Waits until `count` stdout lines satisfy `predicate`; returns them. (A predicate must not call
    /// back into the tool: the wait holds its lock.)
    @discardableResult
    func waitForLines(
        _ count: Int, timeout: Double, _ what: String, where predicate: @escaping (String) -> Bool
    ) throws -> [String] {
        var found: [String] = []
        var index = 0
        while found.count < count {
            let (at, line) = try waitForLine(from: index, timeout: timeout, what, where: predicate)
            found.append(line)
            index = at + 1
        }
        return found
    }
}

extension RunningTool {
    /// Waits until standard error contains `text` (it is read by another thread, so a line the tool
    /// wrote may arrive a moment later); returns everything on it so far.
    @discardableResult
    func waitForStderr(containing text: String, timeout: Double) throws -> String {
        let deadline = Date(timeIntervalSinceNow: timeout)
        while true {
            let log = stderr
            if log.contains(text) { return log }
            guard Date() < deadline else {
                throw StderrTimeout(
                    description: "\(name): no \"\(text)\" on stderr within \(timeout) s; stderr:\n\(log)")
            }
            usleep(10_000)
        }
    }
}

/// `waitForStderr` gave up.
struct StderrTimeout: Error, CustomStringConvertible {
    var description: String
}

/// Kills a background tool when released, unless it has exited: a test that fails before stopping
/// its tools leaves nothing running. (`RunningTool` itself lives as long as its output threads,
/// that is, as long as the process.) The process is recognised by its command line, so a reused
/// process id is never signalled.
final class ExitGuard {
    private let pid: Int32
    private let name: String

    init(_ tool: RunningTool) {
        pid = tool.pid
        name = tool.name
    }

    deinit {
        guard let command = try? String(contentsOfFile: "/proc/\(pid)/cmdline", encoding: .utf8),
            command.contains(name)
        else { return }
        kill(pid, SIGKILL)
    }
}
