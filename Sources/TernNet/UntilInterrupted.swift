import UnixSignals

/// Runs `operation` until it ends or SIGINT/SIGTERM arrives, whichever is first; a signal cancels
/// the operation and counts as a clean end. Returns `true` when a signal ended it.
///
/// The signals are trapped before `operation` starts, so anything it prints (say, "subscribed")
/// is printed only once an interrupt would be handled here rather than kill the process.
public func runUntilInterrupted(_ operation: @escaping @Sendable () async throws -> Void) async throws -> Bool {
    let signals = await UnixSignalsSequence(trapping: .sigint, .sigterm)
    return try await withThrowingTaskGroup(of: Bool.self) { group in
        group.addTask {
            try await operation()
            return false
        }
        group.addTask {
            for await _ in signals { return true }
            return false  // cancelled: the operation ended first
        }
        // The first to finish decides; the other is cancelled, and an error it throws while
        // unwinding (a cancelled operation) is discarded with it.
        defer { group.cancelAll() }
        return try await group.next() ?? false
    }
}
