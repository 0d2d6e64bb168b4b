import TernCommandSupport
import TernCore
import TernNetMembership

/// The one stderr line that says why `--expect` was not met, in the operator's terms.
enum PingVerdictText {
    static func explain(
        _ verdict: ExpectationVerdict, expected: Int, snapshot: MembershipSnapshot, options: MembershipOptions
    ) -> String {
        let table = snapshot.table
        func names(_ ids: [MemberID]) -> String {
            ids.map { id in
                let name = table.members[id]?.heartbeat.name ?? ""
                return name.isEmpty ? id.short : "\(name) (\(id.short))"
            }.joined(separator: ", ")
        }
        let where_ = "group \(options.group), domain '\(options.resolvedDomain)'"
        switch verdict {
        case .met:
            return "expectation met"
        case .nobodyHeard(let otherDomains):
            var text = "expected \(expected) other members, heard none (nobody heard) on \(where_)"
            if otherDomains.isEmpty {
                text += "; check that multicast passes between the hosts (--interface, --ttl, firewall on UDP port)"
            } else {
                let domains = otherDomains.sorted { $0.key < $1.key }.map { "'\($0.key)'" }.joined(separator: ", ")
                text += "; heartbeats of other domains were heard: \(domains) (is --domain right?)"
            }
            return text
        case .someMissing(let heard, _):
            return
                "expected \(expected) other members, heard \(heard.count) (some missing) on \(where_): \(names(heard))"
        case .onlyUnicastHeard(let unicastOnly, let multicastHeard, _):
            return "expected \(expected) other members by multicast, heard \(multicastHeard); "
                + "\(names(unicastOnly)) heard only by unicast (only unicast heard): multicast does not reach this member"
        }
    }
}
