import Logging
import TernCore
import Synchronization

/// The process-wide log destination: one line per message on stderr, `TIME LEVEL LABEL: MESSAGE KEY=VALUE…`.
public enum LogOutput {
    private static let bootstrapped = Mutex(false)

    /// Routes swift-log to stderr at `level`; swift-log allows one bootstrap, so later calls do nothing.
    public static func bootstrap(level: Logger.Level) {
        let first = bootstrapped.withLock { done in
            defer { done = true }
            return !done
        }
        guard first else { return }
        LoggingSystem.bootstrap { label in
            var handler = StderrLogHandler(label: label)
            handler.logLevel = level
            return handler
        }
    }
}

/// A swift-log handler writing one line per message to stderr, with an RFC 3339 UTC time.
public struct StderrLogHandler: LogHandler {
    /// The logger's label (the tool or component).
    public let label: String
    /// The least severe level printed.
    public var logLevel: Logger.Level = .info
    /// Metadata attached to every message of this logger.
    public var metadata: Logger.Metadata = [:]

    /// Creates a handler for `label`.
    public init(label: String) {
        self.label = label
    }

    /// Reads or writes one metadata entry.
    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// Writes one line.
    public func log(event: LogEvent) {
        var merged = metadata
        if let extra = event.metadata { merged.merge(extra) { _, new in new } }
        var line = "\(Timestamp.format(WallClock.now())) \(event.level) \(label): \(event.message)"
        for key in merged.keys.sorted() {
            line += " \(key)=\(merged[key]!)"
        }
        StandardError.line(line)
    }
}
