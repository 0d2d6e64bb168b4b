import Logging
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
            guard let suppressed = self.refusalReport.onOccurrence(now: self.loop.millis) else { return }
            self.logger.warning(
                "connection refused: authentication failed",
                metadata: ["peer": "\(peer)", "reason": "\(reason)", "unreported": "\(suppressed)"])
            self.events?.receive([.connectionRefused(peer: peer, reason: reason, unreported: suppressed)])
        }
    }

    /// Counts a hit of `limit` (docs/LIMITS.md) and logs it as a warning unless that limit was
    /// logged less than `refusalReportInterval` ago; the line carries the hits left unreported
    /// since. From any loop: off the store's loop it is counted there, a moment later.
    public func limitHit(_ limit: LimitName, detail: String, peer: String? = nil) {
        guard loop.inEventLoop else {
            loop.execute { self.limitHit(limit, detail: detail, peer: peer) }
            return
        }
        guard let suppressed = limitHits.onHit(limit, now: loop.millis) else { return }
        var metadata: Logger.Metadata = ["limit": "\(limit.rawValue)", "unreported": "\(suppressed)"]
        if let peer { metadata["peer"] = "\(peer)" }
        logger.warning("limit hit: \(detail)", metadata: metadata)
    }
}
