import Foundation

/// A lossy network without netem (this kernel has no CONFIG_NET_SCH_NETEM): nftables rules on the
/// bridge ports in the hub namespace. Each frame a host sends enters the bridge through its port's
/// ingress hook exactly once; there a `numgen random` drops a share of them and, of those that
/// pass, duplicates a share back into the bridge (`dup to br0`, which forwards the copy by its
/// destination as it would the original). Reordering is not available this way.
///
/// Needs the `nft` program (Debian's nftables) and root, like `TestNetwork`.
extension TestNetwork {
    /// What the rules did so far: frames dropped and frames duplicated, over every port.
    public struct ImpairmentCounts: Sendable, Equatable {
        /// Frames dropped.
        public var dropped: Int
        /// Frames duplicated.
        public var duplicated: Int
    }

    /// The nftables table of the rules, in the hub namespace.
    static let impairmentTable = "tern_impair"

    /// Drops `lossPercent` % and duplicates `duplicatePercent` % of the frames every host sends.
    public func impair(lossPercent: Int, duplicatePercent: Int) throws {
        var rules = "table netdev \(Self.impairmentTable) {\n"
        for index in hosts.indices {
            let port = "p\(index + 1)"
            rules += """
                  chain \(port) {
                    type filter hook ingress device "\(port)" priority 0; policy accept;
                    numgen random mod 100 < \(lossPercent) counter drop
                    numgen random mod 100 < \(duplicatePercent) counter dup to "br0"
                  }

                """
        }
        rules += "}\n"
        try nft(["-f", "-"], stdin: rules)
    }

    /// Removes the rules: the network is clean again.
    public func clearImpairment() throws {
        try nft(["delete", "table", "netdev", Self.impairmentTable])
    }

    /// The rules' counters.
    public func impairmentCounts() throws -> ImpairmentCounts {
        let listing = try nft(["list", "table", "netdev", Self.impairmentTable])
        var counts = ImpairmentCounts(dropped: 0, duplicated: 0)
        for line in listing.split(separator: "\n") {
            let words = line.split(separator: " ")
            guard let at = words.firstIndex(of: "packets"), at + 1 < words.count, let packets = Int(words[at + 1]) else {
                continue
            }
            if words.last == "drop" { counts.dropped += packets } else if line.contains("dup to") { counts.duplicated += packets }
        }
        return counts
    }

    /// Runs `nft ARGUMENTS` in the hub namespace; throws with its stderr when it fails.
    @discardableResult
    private func nft(_ arguments: [String], stdin: String? = nil) throws -> String {
        let result = try ToolRunner(timeout: 30).runProgram(
            at: "/usr/bin/env", ["ip", "netns", "exec", hub, "nft"] + arguments, stdin: stdin.map { Array($0.utf8) })
        guard result.status == 0, !result.signaled else {
            throw Failure(description: "nft \(arguments.joined(separator: " ")): \(result)")
        }
        return result.stdoutText
    }
}
