/// A one-line progress display on stderr, shown only when stderr is a terminal.
package final class Progress {
    private let label: String
    private let total: Int64?
    private let enabled: Bool
    private let started = WallClock.monotonicNanos()
    private var lastDraw: UInt64 = 0

    package init(_ label: String, total: Int64?, enabled: Bool = StandardError.isTerminal) {
        self.label = label
        self.total = total
        self.enabled = enabled
    }

    /// Redraws at most ten times a second.
    package func update(_ done: Int64) {
        guard enabled else { return }
        let now = WallClock.monotonicNanos()
        guard now - lastDraw >= 100_000_000 else { return }
        lastDraw = now
        let seconds = Double(now - started) / 1e9
        let rate = seconds > 0 ? Int64(Double(done) / seconds) : 0
        var text = "\r\(label) \(ByteCount.format(done))"
        if let total, total > 0 {
            text += " of \(ByteCount.format(total)) (\(done * 100 / total)%)"
        }
        text += ", \(ByteCount.format(rate))/s\u{1B}[K"
        StandardError.write(text)
    }

    /// Clears the line.
    package func finish() {
        guard enabled, lastDraw > 0 else { return }
        StandardError.write("\r\u{1B}[K")
    }
}
