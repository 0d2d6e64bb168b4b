import NIOCore
import TernCore

extension MembershipService {
    /// Announces `state` from now on (starting → ready): one heartbeat goes out at once, so peers
    /// learn it without waiting an interval. Leaving is `stop()`.
    public func announce(state: MemberState) {
        runtime.changeState(state)
    }

    /// The member table and the transport's counters now.
    public func snapshot() async -> MembershipSnapshot {
        await withCheckedContinuation { continuation in
            runtime.loop.execute { continuation.resume(returning: self.runtime.snapshot()) }
        }
    }
}

extension MembershipRuntime {
    /// Announces `state` from the next heartbeat on, and sends one now.
    func changeState(_ state: MemberState) {
        loop.execute {
            guard !self.stopping, var announcer = self.announcer else { return }
            let heartbeat = announcer.onStateChange(state, at: self.now())
            self.announcer = announcer
            if let heartbeat { self.announce(heartbeat) }
        }
    }
}
