import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A built tool running in the background for an end-to-end test: its stdout is collected line by
/// line as it comes, stderr as a whole; the test waits for a line, sends signals, and waits for the
/// exit. The process is killed when the value is released, so a failing test leaves nothing behind.
///
/// Waiting here is waiting for a real process to say something, with a deadline; core tests never
/// use it (they drive the state machines with a manual clock).
public final class RunningTool: @unchecked Sendable {
    /// The tool's name, for messages.
    public let name: String
    /// The process id.
    public let pid: Int32

    private let process: Process
    private let output: Output

    /// Why waiting failed.
    public struct Timeout: Error, CustomStringConvertible {
        /// What was awaited, and what the tool printed meanwhile.
        public var description: String
    }

    /// Starts `tool` (found the way `ToolRunner` finds it) with `arguments`.
    ///
    /// - Parameter prefix: a command to run it under, e.g. `["ip", "netns", "exec", "ns1"]`.
    public init(
        _ tool: String, _ arguments: [String], runner: ToolRunner = ToolRunner(), prefix: [String] = [],
        environment: [String: String] = [:], directory: String? = nil
    ) throws {
        _ = ToolRunner.ignoreBrokenPipes
        name = tool
        let path = try runner.executable(tool)
        let process = Process()
        if prefix.isEmpty {
            process.executableURL = URL(fileURLWithPath: path)
            process.arguments = arguments
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = prefix + [path] + arguments
        }
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        self.process = process
        let (output, errors) = try ToolRunner.spawnLock.withLock {
            let output = try ToolRunner.makePipe()
            let errors = try ToolRunner.makePipe()
            process.standardOutput = output.write
            process.standardError = errors.write
            process.standardInput = FileHandle.nullDevice
            defer {
                try? output.write.close()
                try? errors.write.close()
            }
            try process.run()
            return (output.read, errors.read)
        }
        pid = process.processIdentifier
        let state = Output(name: tool)
        self.output = state
        process.terminationHandler = { _ in state.markExited() }
        // The threads hold the output state, never `self`: releasing the RunningTool kills the
        // process even while they still wait for its output.
        Thread { state.pump(output, isStdout: true) }.start()
        Thread { state.pump(errors, isStdout: false) }.start()
    }

    deinit {
        if process.isRunning { kill(pid, SIGKILL) }
    }

    /// Every complete stdout line so far.
    public var stdoutLines: [String] { output.stdoutLines }

    /// Everything on stderr so far.
    public var stderr: String { output.stderr }

    /// Waits until a stdout line at index `from` or later satisfies `predicate`; returns its index and text.
    @discardableResult
    public func waitForLine(
        from start: Int = 0, timeout: Double, _ what: String = "a matching line", where predicate: (String) -> Bool
    ) throws -> (index: Int, line: String) {
        try output.waitForLine(from: start, timeout: timeout, what, where: predicate)
    }

    /// Sends `signal` to the process.
    public func send(_ signal: Int32) {
        kill(pid, signal)
    }

    /// Waits for the exit (and the end of its output); kills the process after `timeout` seconds.
    /// Returns the exit status, or 128 + the signal's number when a signal ended it.
    @discardableResult
    public func waitForExit(timeout: Double) throws -> Int32 {
        do {
            try output.waitForEnd(timeout: timeout)
        } catch {
            kill(pid, SIGKILL)
            throw error
        }
        process.waitUntilExit()
        let status = process.terminationStatus
        return process.terminationReason == .uncaughtSignal ? 128 + status : status
    }

    /// The process's CPU time (user + system) so far, in seconds, from /proc.
    public func cpuSeconds() throws -> Double {
        let text = try String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)
        // Fields after the command name (which is in parentheses and may contain spaces).
        guard let close = text.lastIndex(of: ")") else { return 0 }
        let fields = text[text.index(after: close)...].split(separator: " ")
        // utime and stime are fields 14 and 15 of stat(5): indexes 11 and 12 after the name.
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return 0 }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// The process's resident set size (VmRSS) now, in bytes, from /proc.
    public func residentBytes() throws -> Int {
        let text = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
            let kilobytes = Int(line.split(separator: " ").dropFirst().first ?? "")
        else { return 0 }
        return kilobytes * 1024
    }
}

/// What a running tool printed, filled by its reader threads and read by the test under one lock.
private final class Output: @unchecked Sendable {
    let name: String
    private let condition = NSCondition()
    private var stdoutBuffer: [UInt8] = []
    private var lines: [String] = []
    private var stderrBytes: [UInt8] = []
    private var stdoutClosed = false
    private var stderrClosed = false
    private var exited = false

    init(name: String) {
        self.name = name
    }

    func markExited() {
        condition.lock()
        exited = true
        condition.broadcast()
        condition.unlock()
    }

    func pump(_ handle: FileHandle, isStdout: Bool) {
        let descriptor = handle.fileDescriptor
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            condition.lock()
            if count <= 0 {
                if isStdout {
                    if !stdoutBuffer.isEmpty { lines.append(String(decoding: stdoutBuffer, as: UTF8.self)) }
                    stdoutBuffer = []
                    stdoutClosed = true
                } else {
                    stderrClosed = true
                }
                condition.broadcast()
                condition.unlock()
                try? handle.close()
                return
            }
            if isStdout {
                stdoutBuffer.append(contentsOf: chunk[0..<count])
                while let newline = stdoutBuffer.firstIndex(of: UInt8(ascii: "\n")) {
                    lines.append(String(decoding: stdoutBuffer[..<newline], as: UTF8.self))
                    stdoutBuffer.removeSubrange(...newline)
                }
            } else {
                stderrBytes.append(contentsOf: chunk[0..<count])
            }
            condition.broadcast()
            condition.unlock()
        }
    }

    var stdoutLines: [String] {
        condition.lock()
        defer { condition.unlock() }
        return lines
    }

    var stderr: String {
        condition.lock()
        defer { condition.unlock() }
        return String(decoding: stderrBytes, as: UTF8.self)
    }

    func waitForLine(
        from start: Int, timeout: Double, _ what: String, where predicate: (String) -> Bool
    ) throws -> (index: Int, line: String) {
        let deadline = Date(timeIntervalSinceNow: timeout)
        condition.lock()
        defer { condition.unlock() }
        var index = start
        while true {
            while index < lines.count {
                if predicate(lines[index]) { return (index, lines[index]) }
                index += 1
            }
            if stdoutClosed {
                throw RunningTool.Timeout(description: "\(name) ended its output before \(what); \(describeLocked())")
            }
            if !condition.wait(until: deadline) {
                throw RunningTool.Timeout(description: "\(name): no \(what) within \(timeout) s; \(describeLocked())")
            }
        }
    }

    func waitForEnd(timeout: Double) throws {
        let deadline = Date(timeIntervalSinceNow: timeout)
        condition.lock()
        defer { condition.unlock() }
        while !(exited && stdoutClosed && stderrClosed) {
            if !condition.wait(until: deadline) {
                throw RunningTool.Timeout(
                    description: "\(name) did not exit within \(timeout) s (killed); \(describeLocked())")
            }
        }
    }

    private func describeLocked() -> String {
        let tail = lines.suffix(10).joined(separator: "\n")
        return "stdout (last lines):\n\(tail)\nstderr:\n\(String(decoding: stderrBytes.suffix(4000), as: UTF8.self))"
    }
}
