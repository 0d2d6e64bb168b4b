import NIOCore
import TernCore
import TernNetMembership
import TernFiles
import TernSnapshot
import TernWire

#if canImport(Glibc)
    import Glibc
#endif

extension NodeRuntime {
    /// Starts the start-up machine's clock: the discovery window runs from now. Store loop only.
    func beginStartup() {
        loop.preconditionInEventLoop()
        scheduleStartupTimer()
    }

    /// The node stopped before it was ready: no more start-up.
    func abandonStartup() {
        loop.preconditionInEventLoop()
        startupTimer?.cancel()
        startupTimer = nil
        endTransfer()
        settleReadiness(.success(false))
    }

    private func scheduleStartupTimer() {
        startupTimer?.cancel()
        startupTimer = nil
        guard !stopping, let deadline = storage.startup.deadline else { return }
        startupTimer = loop.scheduleTask(in: .milliseconds(max(0, deadline - now))) { self.startupTimerFired() }
    }

    private func startupTimerFired() {
        startupTimer = nil
        guard case .discovering = storage.startup.phase, let membership else {
            drive(storage.startup.onTimer(now: now, sources: []))
            return
        }
        // The window ended: ask the membership loop for the table, then decide here.
        Task {
            let table = await membership.snapshot().table
            self.loop.execute {
                guard !self.stopping else { return }
                self.drive(self.storage.startup.onTimer(now: self.now, sources: StateSource.candidates(in: table)))
            }
        }
    }

    /// Carries out what the start-up machine asks, in order, until it waits again. Store loop only.
    func drive(_ actions: [NodeStartupAction]) {
        var pending = actions[...]
        while let action = pending.popFirst() {
            switch action {
            case .requestState(let source):
                logger.info("asking for the state", metadata: ["source": "\(source)"])
                events(.stateRequested(source))
                startTransfer(from: source)
            case .apply(let messages):
                store.releaseHeld(messages)
            case .applyQueued(let messages):
                store.releaseHeld(messages)
                pending.append(contentsOf: storage.startup.onQueuedApplied(now: now))
            case .loadSnapshot:
                loadSnapshot()
            case .gaveUp(let verdict):
                counters.stateTransfersFailed += 1
                endTransfer()
                logger.error("\(verdict)")
                events(.stateFailed(verdict))
            case .becomeReady(let verdict):
                if case .completed = verdict { counters.stateTransfersCompleted += 1 }
                endTransfer()
                becomeReady(verdict)
            case .exit(let verdict):
                endTransfer()
                settleReadiness(
                    .failure(NodeStartupError(verdict: verdict, unauthenticated: lastTransferUnauthenticated)))
            }
        }
        scheduleStartupTimer()
    }

    private func startTransfer(from source: StateSource) {
        endTransfer()
        transferGeneration += 1
        let generation = transferGeneration
        // The machine judges silence; the client's own limit is a little longer, so the verdict says
        // "timed out" rather than "failed".
        let (client, result) = StateTransferClient.run(
            from: source.endpoint, request: StateRequest(), identity: configuration.identity,
            limits: configuration.limits, timeout: configuration.stateTimeout + 1000, on: loop,
            sink: NodeTransferSink(runtime: self))
        transfer = (client, generation)
        result.whenComplete { outcome in
            guard self.transfer?.generation == generation else { return }
            self.transfer = nil
            switch outcome {
            case .success(let end):
                self.drive(self.storage.startup.onTransferEnd(announcedCount: end.count, now: self.now))
            case .failure(let error):
                self.lastTransferUnauthenticated = (error as? ReplicationPeerError)?.kind == .unauthenticated
                self.drive(self.storage.startup.onTransferFailed(Self.describe(error), now: self.now))
            }
        }
    }

    /// Stops a transfer still running (the machine gave up on it).
    func endTransfer() {
        guard let running = transfer else { return }
        transfer = nil
        running.client.cancel(TransferAbandoned())
    }

    /// Records of the transfer arrived: applied when the machine still wants them.
    func transferRecords(_ records: [StoreRecord]) -> Bool {
        guard storage.startup.onRecords(records.count, now: now) else { return false }
        for record in records { storage.apply(record) }
        return true
    }

    /// Applies the data directory's snapshot by newest-wins, when there is one.
    /// First removes what a snapshot write killed mid-way left behind, before this run writes any.
    private func loadSnapshot() {
        guard let path = configuration.snapshotPath else { return }
        for stale in StaleTemporaryFiles.remove(besides: path) {
            logger.notice("removed the temporary file of an interrupted snapshot write", metadata: ["path": "\(stale)"])
        }
        guard Glibc.access(path, F_OK) == 0 else { return }
        do {
            let reader = try SnapshotReader(path: path)
            var count = 0
            while let record = try reader.next() {
                storage.apply(record)
                count += 1
            }
            logger.info("loaded the snapshot", metadata: ["path": "\(path)", "records": "\(count)"])
            events(.snapshotLoaded(path: path, records: count))
        } catch {
            logger.error("cannot load the snapshot \(path), going on without it: \(error)")
        }
    }

    private func becomeReady(_ verdict: BootstrapVerdict?) {
        membership?.announce(state: .ready)
        startTimers()
        startAntiEntropy()
        logger.info("ready", metadata: ["records": "\(storage.count)"])
        events(.ready(verdict, records: storage.count))
        settleReadiness(.success(true))
    }

    /// An error's text for a verdict: a peer error's own words.
    static func describe(_ error: Error) -> String {
        if let error = error as? ReplicationPeerError {
            return error.kind == .unauthenticated ? "authentication refused: \(error.reason)" : error.reason
        }
        return "\(error)"
    }
}

/// Applies a state transfer's records to the node (on its loop).
private final class NodeTransferSink: StateTransferSink {
    private let runtime: NodeRuntime

    init(runtime: NodeRuntime) {
        self.runtime = runtime
    }

    func begin(_ header: SnapshotHeader) throws {}

    func receive(_ records: [StoreRecord], framed: ByteBuffer) throws {
        guard runtime.transferRecords(records) else { throw TransferAbandoned() }
    }
}

/// The start-up gave up on a transfer still running.
struct TransferAbandoned: Error, CustomStringConvertible {
    var description: String { "the transfer was abandoned" }
}
