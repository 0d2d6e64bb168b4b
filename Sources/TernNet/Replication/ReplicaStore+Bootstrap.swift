import NIOCore
import TernCore

extension ReplicaStore {
    /// Starts a start-up state transfer from `peer`: from now on live messages are held until the
    /// transfer's records are in. The future completes with the verdict (completed, timed out after
    /// `timeout` ms of silence, or failed); the store is live again whatever it says.
    public func beginBootstrap(
        from peer: Endpoint, timeout: Int64, limits: ReplicationQueueLimits
    ) -> EventLoopFuture<BootstrapVerdict> {
        loop.flatSubmit {
            let promise = self.loop.makePromise(of: BootstrapVerdict.self)
            self.bootstrap = BootstrapMachine(peer: peer, now: self.loop.millis, timeout: timeout, limits: limits)
            self.bootstrapPromise = promise
            self.scheduleBootstrapTimer()
            return promise.futureResult
        }
    }

    /// Records of the transfer arrived: applies them; false when no transfer runs any more (it timed
    /// out or failed), and the caller should stop. Store loop only.
    func transferRecords(_ records: [StoreRecord]) -> Bool {
        loop.preconditionInEventLoop()
        guard var machine = bootstrap, machine.onRecords(records.count, now: loop.millis) else { return false }
        bootstrap = machine
        for record in records { storage.apply(record) }
        return true
    }

    /// The transfer's end arrived and checked out: applies what was held, then goes live.
    func transferEnded(announcedCount: Int) {
        loop.preconditionInEventLoop()
        guard var machine = bootstrap else { return }
        let action = machine.onTransferEnd(announcedCount: announcedCount, now: loop.millis)
        bootstrap = machine
        drive(action)
    }

    /// The transfer failed (refused, closed, bad data): applies what was held and goes live.
    func transferFailed(_ reason: String) {
        loop.preconditionInEventLoop()
        guard var machine = bootstrap else { return }
        let action = machine.onTransferFailed(reason)
        bootstrap = machine
        drive(action)
    }

    private func scheduleBootstrapTimer() {
        bootstrapTimer?.cancel()
        bootstrapTimer = nil
        guard let deadline = bootstrap?.deadline else { return }
        bootstrapTimer = loop.schedule(atMillis: deadline) {
            self.bootstrapTimerFired()
        }
    }

    private func bootstrapTimerFired() {
        guard var machine = bootstrap else { return }
        let action = machine.onTimer(now: loop.millis)
        bootstrap = machine
        if let action {
            drive(action)
        } else {
            // Records moved the deadline on since the timer was set.
            scheduleBootstrapTimer()
        }
    }

    /// Carries out the machine's actions until it waits again.
    private func drive(_ first: BootstrapAction?) {
        var next = first
        while let action = next {
            next = nil
            switch action {
            case .hold, .apply:
                break
            case .applyQueued(let batch):
                applyHeld(batch)
                if var machine = bootstrap {
                    next = machine.onQueuedApplied()
                    bootstrap = machine
                }
            case .finished(let verdict):
                complete(verdict)
            case .abandoned(let verdict, let queued):
                finishBootstrap(verdict, queued: queued)
            }
        }
        flushObservers()
    }

    /// The bootstrap was abandoned: what was held is applied anyway, and the receiver goes on.
    func finishBootstrap(_ verdict: BootstrapVerdict, queued: [ReplicationMessage]) {
        applyHeld(queued)
        complete(verdict)
    }

    /// Applies held messages in order and sends the answers that waited for them.
    func applyHeld(_ batch: [ReplicationMessage]) {
        let count = min(batch.count, held.count)
        var answers: [ObjectIdentifier: (connection: ReceiverConnection, replies: [ReceiverReply])] = [:]
        for (message, origin) in zip(batch.prefix(count), held.prefix(count)) {
            let outcome = apply(message, peer: origin.connection.peer)
            if origin.answerLater {
                if let answer = outcome.answer(sequence: origin.sequence, requested: origin.requested) {
                    answers[ObjectIdentifier(origin.connection), default: (origin.connection, [])].replies.append(
                        .frame(answer))
                }
            } else if !outcome.isAcknowledged {
                logger.warning(
                    "a message held during the state transfer was acknowledged but not applied",
                    metadata: ["peer": "\(origin.connection.peer)", "outcome": "\(outcome)"])
            }
        }
        held.removeFirst(count)
        for (connection, replies) in answers.values { connection.deliver(replies) }
    }

    private func complete(_ verdict: BootstrapVerdict) {
        bootstrapTimer?.cancel()
        bootstrapTimer = nil
        switch verdict {
        case .completed: logger.info("\(verdict)")
        case .timedOut, .failed: logger.error("\(verdict); going on with what arrived")
        }
        pendingEvents.append(.bootstrap(verdict))
        bootstrapPromise?.succeed(verdict)
        bootstrapPromise = nil
        // Live from now on: messages no longer pass through the machine.
        bootstrap = nil
    }
}
