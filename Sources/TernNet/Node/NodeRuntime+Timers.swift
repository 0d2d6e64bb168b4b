import NIOCore
import TernCore
import TernSnapshot

extension NodeRuntime {
    /// How often tombstones are purged (a scan of the store).
    static let purgeEvery: Int64 = 60_000

    /// Starts the session timer (the expiry check and the touch batch, every second or every touch
    /// interval if shorter) and the snapshot timer. Store loop only.
    func startTimers() {
        let tick = min(max(configuration.sessions.touchInterval, 50), 1000)
        lastPurge = now
        sessionTimer = loop.scheduleRepeatedTask(initialDelay: .milliseconds(tick), delay: .milliseconds(tick)) { _ in
            self.onSessionTimer()
        }
        if let every = configuration.snapshotEvery, configuration.snapshotPath != nil {
            snapshotTimer = loop.scheduleRepeatedTask(
                initialDelay: .milliseconds(every), delay: .milliseconds(every)
            ) { _ in
                self.writeSnapshotInBackground(reason: "timer")
            }
        }
    }

    /// Stops both timers. Store loop only.
    func stopTimers() {
        sessionTimer?.cancel()
        sessionTimer = nil
        snapshotTimer?.cancel()
        snapshotTimer = nil
    }

    /// Expires what came due and sends the touch batch when it is due; each expire is replicated at once.
    private func onSessionTimer() {
        let time = now
        var messages = storage.sessions.onExpiryTimer(now: time)
        if let touches = storage.sessions.onTouchTimer(now: time) { messages.append(touches) }
        for message in messages { replicateInBackground(message) }
        if time - lastPurge >= Self.purgeEvery {
            lastPurge = time
            storage.sessions.purgeTombstones(now: time)
        }
    }

    /// Writes the snapshot off the loop; failures are logged.
    func writeSnapshotInBackground(reason: String) {
        Task {
            do {
                try await self.writeSnapshot(reason: reason)
            } catch {
                self.logger.error("cannot write the snapshot: \(error)")
            }
        }
    }

    /// Writes the sessions to `--data-dir` atomically (temporary file, fsync, rename); returns the
    /// number of records, nil without a data directory.
    @discardableResult
    public func writeSnapshot(reason: String) async throws -> Int? {
        guard let path = configuration.snapshotPath else { return nil }
        let cut = try await loop.submit { self.storage.cut() }.get()
        let header = SnapshotHeader(
            writer: configuration.program, created: now, sourceMember: configuration.identity.member,
            sourceName: configuration.membership.announce?.name ?? "", cluster: configuration.identity.domain,
            versionVector: cut.vector)
        let count = try await snapshotWriter.write(cut, header: header, to: path)
        events(.snapshotWritten(path: path, records: count, reason: reason))
        return count
    }
}

/// Writes snapshots one at a time (a timer's and a signal's never interleave).
actor NodeSnapshotWriter {
    /// Sorts `cut` and writes it to `path` under `header`; returns the record count.
    func write(_ cut: StoreCut, header: SnapshotHeader, to path: String) throws -> Int {
        let records = cut.sortedRecords()
        try SnapshotOutput.writeSnapshot(to: path, header: header, compression: .none) { writer in
            for record in records { try writer.write(record) }
        }
        return records.count
    }
}
