import Logging
import Synchronization

/// Log lines kept for a test to read: each as `MESSAGE key=value …`, its metadata sorted by key,
/// every level from trace up.
public final class CapturedLogs: Sendable {
    private let stored = Mutex<[String]>([])

    /// Nothing logged yet.
    public init() {}

    /// The lines so far.
    public var lines: [String] { stored.withLock { $0 } }

    /// A logger that writes here.
    public var logger: Logger {
        Logger(label: "test") { _ in Handler(logs: self) }
    }

    fileprivate func append(_ line: String) {
        stored.withLock { $0.append(line) }
    }

    private struct Handler: LogHandler {
        let logs: CapturedLogs
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let fields = (event.metadata ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            logs.append(([event.message.description] + fields).joined(separator: " "))
        }
    }
}
