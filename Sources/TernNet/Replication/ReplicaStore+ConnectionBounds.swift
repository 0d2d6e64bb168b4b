import NIOCore
import TernCore

extension ReplicaStore {
    /// Counts a connection that `bound` refused or closed (from any loop), and logs it as a warning
    /// and reports it as a `.connectionBound` event unless the same bound was reported less than
    /// `refusalReportInterval` ago: a flood of connections makes one line per bound every 10 s, with
    /// the count of those it stands for.
    func connectionBoundHit(_ bound: ConnectionBound, peer: String, detail: String) {
        loop.execute {
            var throttle = self.connectionBoundReports[bound] ?? ThrottledReport(interval: Self.refusalReportInterval)
            let unreported = throttle.onOccurrence(now: self.loop.millis)
            self.connectionBoundReports[bound] = throttle
            guard let unreported else { return }
            self.logger.warning(
                "\(bound.isRejection ? "connection refused" : "connection closed"): \(detail)",
                metadata: ["peer": "\(peer)", "bound": "\(bound.rawValue)", "unreported": "\(unreported)"])
            self.events?.receive([.connectionBound(bound, peer: peer, detail: detail, unreported: unreported)])
        }
    }

    /// Connections refused or closed by each bound since start; store loop only.
    public var connectionBoundHits: [ConnectionBound: Int] {
        connectionBoundReports.mapValues(\.total)
    }

    /// Connections refused or closed by each bound since start, from any loop.
    public func connectionBoundCounts() -> EventLoopFuture<[ConnectionBound: Int]> {
        loop.submit { self.connectionBoundHits }
    }
}
