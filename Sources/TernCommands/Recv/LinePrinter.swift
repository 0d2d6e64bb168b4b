import Synchronization
import TernCommandSupport
import TernCore

/// Lines for standard output from any thread of a long-running tool: each batch is written whole
/// and flushed at once, so a reader of a pipe (or a test) sees events as they happen.
package final class LinePrinter: Sendable {
    /// The printer of this process.
    package static let shared = LinePrinter()
    private let lock = Mutex(())
    private let tool = Mutex("tern")

    /// The tool name used if standard output fails.
    package func setTool(_ name: String) {
        tool.withLock { $0 = name }
    }

    /// Writes `lines` (text or JSON) and flushes.
    package func print(_ lines: [PrintedLine]) {
        guard !lines.isEmpty else { return }
        let name = tool.withLock { $0 }
        lock.withLock { _ in
            for line in lines {
                switch line {
                case .text(let text): try? StandardOutput.shared.line(text)
                case .json(let value): try? StandardOutput.shared.line(value)
                }
            }
            StandardOutput.shared.flushOrDie(tool: name)
        }
    }

    /// Writes one line and flushes.
    package func print(_ line: PrintedLine) {
        print([line])
    }

    /// Writes a tool's event stamped now: `{"event": NAME, "time": …, fields…}` in JSON Lines, else
    /// `TIME text`.
    package func event(_ name: String, text: String, fields: JSONObject, json: Bool) {
        let now = Timestamp.format(WallClock.now())
        guard json else { return print(.text("\(now) \(text)")) }
        var object: JSONObject = ["event": .string(name), "time": .string(now)]
        for (key, value) in fields.fields { object.append(key, value) }
        print(.json(.object(object)))
    }
}

/// A line of output: text, or a JSON Lines object.
package enum PrintedLine: Sendable {
    /// Plain text.
    case text(String)
    /// One JSON object.
    case json(JSONValue)
}
