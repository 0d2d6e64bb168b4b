import Foundation
import TernTestKit
import Testing

/// "Pull the cord": a member's link goes down for 10 s and comes back.
@Suite("tern-ping: the network vanishes and returns", .serialized)
struct PingNetworkLossTests {
    @Test func memberIsFoundAgainAndStaysIdleWhileTheLinkIsDown() throws {
        let network = try TestNetwork(hosts: 2)
        let options = ["--interface", "eth0", "--interval", "500ms", "--drop-time", "2s"]
        let steady = try PingMember("steady", on: network.hosts[0], options)
        let unplugged = try PingMember("unplugged", on: network.hosts[1], options)
        try steady.waitFor("joined", of: "unplugged", timeout: 10)
        try unplugged.waitFor("joined", of: "steady", timeout: 10)

        try network.setLink(of: network.hosts[1], up: false)
        let cpuBefore = try unplugged.tool.cpuSeconds()
        let dead = try steady.waitFor("dead", of: "unplugged", timeout: 8)
        let lostSteady = try unplugged.waitFor("dead", of: "steady", timeout: 8)
        Thread.sleep(forTimeInterval: 10 - 2.5)  // the cord stays out for 10 s in all
        let cpuWhileDown = try unplugged.tool.cpuSeconds() - cpuBefore
        try network.setLink(of: network.hosts[1], up: true)

        #expect(cpuWhileDown < 0.5, "the unplugged member used \(cpuWhileDown) s of CPU in 10 s")
        try steady.waitFor("joined", of: "unplugged", from: dead.index, timeout: 15)
        try unplugged.waitFor("joined", of: "steady", from: lostSteady.index, timeout: 15)
        #expect(unplugged.tool.stderr.contains("cannot send to 228.0.0.4:45564"), "\(unplugged.tool.stderr)")
        #expect(try unplugged.stop() == 0)
        #expect(try steady.stop() == 0)
    }
}
