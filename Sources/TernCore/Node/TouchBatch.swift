/// Access times waiting to be replicated: one touch per session read since the last batch,
/// sent every `interval` milliseconds (`--touch-interval`) so that peers do not expire a session
/// that is in use here, without a message per read.
public struct TouchBatch: Sendable {
    /// Milliseconds between batches.
    public let interval: Int64
    /// When the next batch is due (nil while nothing waits).
    public private(set) var dueAt: UnixMillis?
    private var pending: [SessionKey: SessionTouch] = [:]

    /// An empty batch sent every `interval` ms.
    public init(interval: Int64) {
        self.interval = max(0, interval)
    }

    /// How many sessions wait.
    public var count: Int { pending.count }

    /// A request read `touch.key` at `touch.lastAccessed`, at version `touch.version`.
    public mutating func onAccess(_ touch: SessionTouch, now: UnixMillis) {
        if let held = pending[touch.key], held.version == touch.version, held.lastAccessed >= touch.lastAccessed {
            return
        }
        pending[touch.key] = touch
        if dueAt == nil { dueAt = now &+ interval }
    }

    /// The session was written or removed: its own message carries the access, drop the touch.
    public mutating func onReplicated(_ key: SessionKey) {
        pending[key] = nil
        if pending.isEmpty { dueAt = nil }
    }

    /// The timer fired at `now`: the batch, in key order, when it is due and not empty.
    public mutating func onTimer(now: UnixMillis) -> ReplicationMessage? {
        guard let dueAt, now >= dueAt else { return nil }
        self.dueAt = nil
        let touches = pending.values.sorted { $0.key < $1.key }
        pending = [:]
        return touches.isEmpty ? nil : .touch(touches)
    }
}
