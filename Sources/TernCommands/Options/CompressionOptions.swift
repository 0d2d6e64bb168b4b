import ArgumentParser

#if canImport(Glibc)
import Glibc
#endif

/// `--level` and `--threads`: how gzip output is deflated.
public struct CompressionOptions: ParsableArguments {
    /// The zlib level.
    @Option(help: ArgumentHelp("Compression level, 0 (store) to 9 (smallest).", valueName: "n"))
    public var level: Int32 = 6

    /// Worker threads.
    @Option(help: ArgumentHelp(
        "Threads that deflate independent blocks in parallel (default: all cores).", valueName: "n"))
    public var threads: Int?

    /// Creates the defaults.
    public init() {}

    /// Rejects out-of-range values.
    public func validate() throws {
        guard (0...9).contains(level) else { throw ValidationError("--level \(level): expected 0 to 9") }
        if let threads, !(1...256).contains(threads) { throw ValidationError("--threads \(threads): expected 1 to 256") }
    }

    /// The thread count to use.
    public var resolvedThreads: Int {
        threads ?? max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    }
}
