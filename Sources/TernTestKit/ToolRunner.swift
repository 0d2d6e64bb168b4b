import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Runs built executables (`tern-snap`, …) and other programs the way a user would, for end-to-end
/// tests: arguments, optional standard input, working directory and environment; standard output and
/// standard error are captured concurrently (a large output cannot fill a pipe and deadlock), and a
/// process still running after the timeout is killed, so a hung tool fails its test instead of CI.
public struct ToolRunner: Sendable {
    /// What a run produced.
    public struct Result: Sendable, CustomStringConvertible {
        /// The exit status, or the number of the signal that ended the process (see `signaled`).
        public var status: Int32
        /// Whether a signal ended the process (a crash, or the kill after a timeout).
        public var signaled: Bool
        /// Whether the process outlived the timeout and was killed.
        public var timedOut: Bool
        /// Everything written to standard output (empty when it was sent to a file).
        public var stdout: [UInt8]
        /// Everything written to standard error, decoded as UTF-8.
        public var stderr: String

        /// Standard output decoded as UTF-8.
        public var stdoutText: String { String(decoding: stdout, as: UTF8.self) }

        /// The lines of standard output, without terminators (no empty last line).
        public var stdoutLines: [String] { Self.lines(stdoutText) }

        /// The lines of standard error, without terminators (no empty last line).
        public var stderrLines: [String] { Self.lines(stderr) }

        /// Status, flags and standard error: enough to see why an expectation failed.
        public var description: String {
            var text = signaled ? "killed by signal \(status)" : "exit \(status)"
            if timedOut { text += " (timed out)" }
            text += ", \(stdout.count) bytes on stdout"
            if !stderr.isEmpty { text += ", stderr: \(stderr)" }
            return text
        }

        static func lines(_ text: String) -> [String] {
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            if lines.last == "" { lines.removeLast() }
            return lines
        }
    }

    /// Why a run could not start.
    public enum Failure: Error, CustomStringConvertible {
        /// No executable of that name in any directory searched.
        case notFound(tool: String, searched: [String])
        /// The output file for standard output could not be opened.
        case cannotOpen(String)
        /// pipe2 failed with this errno (too many open files?).
        case cannotCreatePipe(Int32)

        /// One line naming the problem and what to do.
        public var description: String {
            switch self {
            case .notFound(let tool, let searched):
                return "\(tool) not found in \(searched.joined(separator: ", ")); run `swift build` "
                    + "or set TERN_BIN_DIR to the directory of the built executables"
            case .cannotOpen(let path):
                return "cannot open \(path) for writing"
            case .cannotCreatePipe(let code):
                return "cannot create a pipe: \(String(cString: strerror(code)))"
            }
        }
    }

    /// Seconds a run may take before its process is killed.
    public var timeout: Double
    private let searchPath: [String]

    /// A runner that looks for executables in `binDirectory`, else in `$TERN_BIN_DIR`, else in the
    /// build products next to the running test bundle, else in `.build/debug` of the package that
    /// contains `filePath`.
    public init(binDirectory: String? = nil, timeout: Double = 60, filePath: String = #filePath) {
        self.timeout = timeout
        if let binDirectory {
            searchPath = [binDirectory]
        } else {
            searchPath = Self.candidateDirectories(filePath: filePath)
        }
    }

    /// The directories searched, in order, when no explicit one is given.
    public static func candidateDirectories(filePath: String = #filePath) -> [String] {
        var directories: [String] = []
        if let fromEnvironment = ProcessInfo.processInfo.environment["TERN_BIN_DIR"], !fromEnvironment.isEmpty {
            directories.append(fromEnvironment)
        }
        // The test bundle (`.build/<triple>/debug/ternPackageTests.xctest`) sits beside the executables.
        for start in [Bundle.main.bundleURL, Bundle.main.executableURL?.deletingLastPathComponent()].compactMap({ $0 })
        {
            var url = start.standardizedFileURL
            for _ in 0..<2 {
                directories.append(url.path)
                url.deleteLastPathComponent()
            }
        }
        // The package root is the nearest ancestor of this source file with a Package.swift.
        var url = URL(fileURLWithPath: filePath).deletingLastPathComponent()
        while url.path != "/" {
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
                directories.append(url.appendingPathComponent(".build/debug").path)
                break
            }
            url.deleteLastPathComponent()
        }
        var seen = Set<String>()
        return directories.filter { seen.insert($0).inserted }
    }

    /// The path of the built executable `tool`.
    public func executable(_ tool: String) throws -> String {
        for directory in searchPath {
            let candidate = directory + "/" + tool
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory), !isDirectory.boolValue,
                FileManager.default.isExecutableFile(atPath: candidate)
            {
                return candidate
            }
        }
        throw Failure.notFound(tool: tool, searched: searchPath)
    }

    /// Runs the built executable `tool`.
    ///
    /// - Parameters:
    ///   - stdin: bytes for standard input; nil connects it to /dev/null.
    ///   - directory: the working directory (default: the test process's).
    ///   - environment: variables set on top of the test process's environment.
    ///   - stdoutPath: a file to open for writing as standard output (e.g. /dev/full) instead of
    ///     capturing it.
    public func run(
        _ tool: String, _ arguments: [String], stdin: [UInt8]? = nil, directory: String? = nil,
        environment: [String: String] = [:], stdoutPath: String? = nil
    ) throws -> Result {
        try runProgram(
            at: executable(tool), arguments, stdin: stdin, directory: directory, environment: environment,
            stdoutPath: stdoutPath)
    }

    /// Runs the program at `path` (a system tool such as /usr/bin/gzip, or a built one).
    public func runProgram(
        at path: String, _ arguments: [String], stdin: [UInt8]? = nil, directory: String? = nil,
        environment: [String: String] = [:], stdoutPath: String? = nil
    ) throws -> Result {
        _ = Self.ignoreBrokenPipes
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }

        // Every descriptor is close-on-exec: a tool started at the same moment by a parallel test must
        // not inherit our pipes, or our readers would wait for its end as well as for our child's.
        // (The child's own ends become 0, 1 and 2 by dup2, which clears the flag.) Glibc's pipe2 is
        // not visible to Swift, so creating the pipes and spawning hold one lock: no spawn happens
        // between a pipe() and its fcntl().
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        let (output, errors, input) = try Self.spawnLock.withLock {
            let output = try stdoutPath == nil ? Self.makePipe() : nil
            let errors = try Self.makePipe()
            let input = try stdin == nil ? nil : Self.makePipe()
            var outputFile: FileHandle?
            if let stdoutPath {
                let descriptor = open(stdoutPath, O_WRONLY | O_CLOEXEC)
                guard descriptor >= 0 else { throw Failure.cannotOpen(stdoutPath) }
                outputFile = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
            }
            process.standardOutput = outputFile ?? output?.write
            process.standardError = errors.write
            process.standardInput = input?.read ?? FileHandle.nullDevice
            defer {
                // The child has its copies; ours must go, so that the readers see the end of file.
                for handle in [output?.write, errors.write, input?.read, outputFile] { try? handle?.close() }
            }
            try process.run()
            return (output, errors, input)
        }

        // Each stream gets its own thread: the child may block writing one while we wait on another.
        let streams = DispatchGroup()
        let captured = Captured()
        if let reader = output?.read {
            DispatchQueue.global().async(group: streams) { captured.setOutput(Self.drain(reader)) }
        }
        let errorReader = errors.read
        DispatchQueue.global().async(group: streams) { captured.setError(Self.drain(errorReader)) }
        if let writer = input?.write, let stdin {
            DispatchQueue.global().async {
                // A child that exits without reading everything makes this fail with EPIPE: fine.
                try? writer.write(contentsOf: Data(stdin))
                try? writer.close()
            }
        }

        var timedOut = false
        if finished.wait(timeout: .now() + timeout) == .timedOut {
            timedOut = true
            kill(process.processIdentifier, SIGKILL)
            finished.wait()
        }
        // Grandchildren that kept a pipe open could hold the readers; don't wait for them forever.
        _ = streams.wait(timeout: .now() + (timedOut ? 5 : timeout))
        let signaled = process.terminationReason == .uncaughtSignal
        return Result(
            status: process.terminationStatus, signaled: signaled, timedOut: timedOut, stdout: captured.output,
            stderr: String(decoding: captured.error, as: UTF8.self))
    }

    /// Held while pipes are created and a process is spawned.
    static let spawnLock = NSLock()

    /// A pipe whose two ends are close-on-exec.
    static func makePipe() throws -> (read: FileHandle, write: FileHandle) {
        var descriptors: [Int32] = [-1, -1]
        guard pipe(&descriptors) == 0 else { throw Failure.cannotCreatePipe(errno) }
        for descriptor in descriptors { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }
        return (
            FileHandle(fileDescriptor: descriptors[0], closeOnDealloc: true),
            FileHandle(fileDescriptor: descriptors[1], closeOnDealloc: true)
        )
    }

    /// Reads a pipe to its end.
    private static func drain(_ handle: FileHandle) -> [UInt8] {
        let data = (try? handle.readToEnd()) ?? Data()
        try? handle.close()
        return [UInt8](data)
    }

    /// Writing to a child that has exited must be an error, not a SIGPIPE that ends the tests.
    static let ignoreBrokenPipes: Void = {
        signal(SIGPIPE, SIG_IGN)
    }()

    /// What the reader threads collected.
    private final class Captured: @unchecked Sendable {
        private let lock = NSLock()
        private var outputBytes: [UInt8] = []
        private var errorBytes: [UInt8] = []

        var output: [UInt8] { lock.withLock { outputBytes } }
        var error: [UInt8] { lock.withLock { errorBytes } }
        func setOutput(_ bytes: [UInt8]) { lock.withLock { outputBytes = bytes } }
        func setError(_ bytes: [UInt8]) { lock.withLock { errorBytes = bytes } }
    }
}
