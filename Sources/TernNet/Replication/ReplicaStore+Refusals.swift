import NIOCore
import TernCore

extension ReplicaStore {
    /// Reports of refusals at most this often (ms); the ones between are counted in the next report.
    static let refusalReportInterval: Int64 = 10_000

    /// Counts a connection refused for want of a proven cluster key (from any connection's loop), and
    /// reports it as a `.connectionRefused` event unless one was reported less than
    /// `refusalReportInterval` ago, so a misconfigured or hostile peer cannot flood the events.
    func authenticationRefused(peer: String, reason: String) {
        loop.execute {
            self.authenticationRefusals += 1
            let now = self.loop.millis
            if let last = self.refusalReport, now - last.at < Self.refusalReportInterval {
                self.refusalReport = (last.at, last.unreported + 1)
                return
            }
            let suppressed = self.refusalReport?.unreported ?? 0
            self.refusalReport = (now, 0)
            self.logger.warning(
                "connection refused: authentication failed",
                metadata: ["peer": "\(peer)", "reason": "\(reason)", "unreported": "\(suppressed)"])
            self.events?.receive([.connectionRefused(peer: peer, reason: reason, unreported: suppressed)])
        }
    }
}
