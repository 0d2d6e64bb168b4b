import TernCore
import Testing

@Suite("Connection admission")
struct ConnectionAdmissionTests {
    private let bounds = ConnectionBounds(maxConnections: 4, maxConnectionsPerPeer: 2, idleTimeout: 1000)

    @Test func refusesAThirdConnectionFromOneAddressAndAdmitsOthers() {
        var admission = ConnectionAdmission(bounds: bounds)
        #expect(admission.admit("10.0.0.1") == nil)
        #expect(admission.admit("10.0.0.1") == nil)
        #expect(admission.admit("10.0.0.1") == .perPeer)
        #expect(admission.admit("10.0.0.2") == nil)
        #expect(admission.count(from: "10.0.0.1") == 2)
        #expect(admission.total == 3)
    }

    @Test func refusesOverTheTotalWhateverTheAddress() {
        var admission = ConnectionAdmission(bounds: bounds)
        for address in ["a", "b", "c", "d"] { #expect(admission.admit(address) == nil) }
        #expect(admission.admit("e") == .total)
        #expect(admission.total == 4)
    }

    @Test func aReleasedConnectionFreesItsPlaceInBothCounts() {
        var admission = ConnectionAdmission(bounds: bounds)
        _ = admission.admit("a")
        _ = admission.admit("a")
        #expect(admission.admit("a") == .perPeer)
        admission.release("a")
        #expect(admission.count(from: "a") == 1)
        #expect(admission.admit("a") == nil)
        admission.release("a")
        admission.release("a")
        #expect(admission.total == 0 && admission.count(from: "a") == 0)
    }

    @Test func releasingAnAddressNeverAdmittedChangesNothing() {
        var admission = ConnectionAdmission(bounds: bounds)
        _ = admission.admit("a")
        admission.release("b")
        #expect(admission.total == 1)
    }

    @Test func boundsRaiseCountsToOneAndTreatAZeroIdleTimeoutAsNever() {
        let raised = ConnectionBounds(maxConnections: 0, maxConnectionsPerPeer: -3, idleTimeout: 0)
        #expect(raised.maxConnections == 1 && raised.maxConnectionsPerPeer == 1)
        #expect(raised.idleTimeout == nil)
        #expect(raised.keepAliveInterval == ConnectionBounds.defaultKeepAliveInterval)
    }

    @Test func keepAliveIsAQuarterOfAShortIdleTimeoutAndAtMostTenSeconds() {
        #expect(ConnectionBounds(maxConnections: 1, maxConnectionsPerPeer: 1, idleTimeout: 2000).keepAliveInterval == 500)
        #expect(ConnectionBounds.default.keepAliveInterval == 10_000)
    }
}
