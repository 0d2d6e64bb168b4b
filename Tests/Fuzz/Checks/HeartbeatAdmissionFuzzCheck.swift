import TernCore

/// The admission half of the heartbeat target (docs/FUZZING.md): `HeartbeatAdmission` against a
/// model written from docs/SECURITY.md, so a replayed heartbeat is never admitted twice and a fresh
/// verified one is never refused.
///
/// Every input is also read as a script, three bytes a heartbeat:
/// - byte 0: bits 0–1 the member (0–2; 3 is 0 again), bits 2–4 what the shell found (`kinds`),
///   bits 5–7 the incarnation − 4;
/// - bytes 1–2: the sequence, big-endian; 0xFFxx counts down from `UInt64.max`, 0 is none.
///
/// The script runs keyed and keyless, with room for every member and with room for two (so the least
/// recently admitted member is forgotten); every decision, count and report must be the model's.
enum HeartbeatAdmissionFuzzCheck {
    static let domain = "prod"
    static let members = (0..<3).map { MemberID(high: 0xF0, low: UInt64($0)) }
    /// Where each member's heartbeats come from.
    static let sources = (0..<3).map { "10.0.0.\($0):4000" }

    /// What the shell found, by bits 2–4 of a script byte: which tag, and whether the heartbeat is of
    /// another domain.
    static let kinds: [(authenticity: HeartbeatAuthenticity, otherDomain: Bool)] = [
        (.verified(FuzzKeys.a.id), false), (.verified(FuzzKeys.b.id), false), (.badTag(FuzzKeys.a.id), false),
        (.unknownKey(FuzzKeys.c.id), false), (.unsigned, false), (.unchecked(FuzzKeys.a.id), false),
        (.verified(FuzzKeys.a.id), true), (.unsigned, true),
    ]

    /// One scripted heartbeat.
    struct Step {
        var member: Int
        var authenticity: HeartbeatAuthenticity
        var otherDomain: Bool
        var incarnation: UnixMillis
        var sequence: UInt64?
    }

    static func script(_ input: [UInt8]) -> [Step] {
        stride(from: 0, to: input.count - 2, by: 3).prefix(128).map { index in
            let flags = input[index]
            let raw = UInt64(input[index + 1]) << 8 | UInt64(input[index + 2])
            let sequence = input[index + 1] == 0xFF ? UInt64.max - UInt64(input[index + 2]) : raw
            let kind = kinds[Int(flags >> 2 & 0x07)]
            return Step(
                member: Int(flags & 0x03) % 3, authenticity: kind.authenticity, otherDomain: kind.otherDomain,
                incarnation: UnixMillis(flags >> 5) - 4, sequence: sequence == 0 ? nil : sequence)
        }
    }

    /// Runs the script of `input` through the machine and the model, four ways.
    static func check(_ input: [UInt8]) throws(FuzzViolation) {
        let steps = script(input)
        guard !steps.isEmpty else { return }
        for keyed in [true, false] {
            for maxMembers in [2, 4096] {
                try run(steps, keyed: keyed, maxMembers: maxMembers)
            }
        }
    }

    private static func run(_ steps: [Step], keyed: Bool, maxMembers: Int) throws(FuzzViolation) {
        var machine = HeartbeatAdmission(keyed: keyed, domain: domain, maxMembers: maxMembers, maxReports: 5)
        var model = AdmissionModel(keyed: keyed, maxMembers: maxMembers, maxReports: 5)
        var admitted: Set<[Int64]> = []
        for (index, step) in steps.enumerated() {
            let heartbeat = Heartbeat(
                domain: step.otherDomain ? "other" : domain, member: members[step.member],
                incarnation: step.incarnation, sequence: step.sequence, interval: 500)
            let source = sources[step.member]
            let at = UnixMillis(1_000 + index)
            let decision = machine.onHeartbeat(heartbeat, authenticity: step.authenticity, source: source, at: at)
            let expected = model.decide(step, source: source, at: at)
            var context: String { "heartbeat \(index) (keyed \(keyed), room for \(maxMembers))" }
            switch (decision, expected) {
            case (.admit, nil):
                if keyed && maxMembers > members.count && !step.otherDomain, let sequence = step.sequence {
                    let inserted = admitted.insert([Int64(step.member), step.incarnation, Int64(bitPattern: sequence)]).inserted
                    try require(inserted, "\(context): member \(step.member) (\(step.incarnation), \(sequence)) admitted twice")
                }
            case (.reject(let rejection, let report), .some(let model)):
                try require(
                    rejection.reason == model.reason && report == model.report,
                    "\(context): rejected \(rejection.reason) report \(report), the model \(model.reason) report \(model.report)")
                try require(
                    rejection.keyID == step.authenticity.keyID && rejection.source == source
                        && rejection.member == members[step.member] && rejection.at == at,
                    "\(context): the rejection names another heartbeat: \(rejection)")
            default:
                throw FuzzViolation("\(context): the machine says \(decision), the model \(String(describing: expected))")
            }
        }
        try require(
            machine.rejected == model.rejected && machine.rejectedTotal == model.rejected.values.reduce(0, +),
            "rejection counts \(machine.rejected), the model's \(model.rejected)")
    }

    /// The decoded heartbeat of an input, as the shell would judge it: admitted keyed once if it is
    /// verified and numbered, then refused as replayed; keyless, admitted only when unsigned.
    static func checkDecoded(_ heartbeat: Heartbeat, authenticity: HeartbeatAuthenticity) throws(FuzzViolation) {
        var keyed = HeartbeatAdmission(keyed: true, domain: heartbeat.domain)
        let first = keyed.onHeartbeat(heartbeat, authenticity: authenticity, source: "s", at: 1)
        let second = keyed.onHeartbeat(heartbeat, authenticity: authenticity, source: "s", at: 2)
        // The name and key id a sender chose, as a log line shows them.
        if case .reject(let rejection, _) = second { _ = rejection.logLine }
        if case .verified = authenticity, heartbeat.sequence != nil {
            try require(first == .admit, "a verified numbered heartbeat is refused: \(first)")
            guard case .reject(let rejection, _) = second, rejection.reason == .replayed else {
                throw FuzzViolation("a verified heartbeat is admitted twice")
            }
        } else {
            try require(first != .admit && second != .admit, "keyed, a heartbeat found \(authenticity) is admitted")
        }
        var keyless = HeartbeatAdmission(keyed: false, domain: heartbeat.domain)
        let open = keyless.onHeartbeat(heartbeat, authenticity: authenticity, source: "s", at: 1)
        try require((open == .admit) == (authenticity == .unsigned), "keyless, a heartbeat found \(authenticity) gets \(open)")
        var stranger = HeartbeatAdmission(keyed: true, domain: heartbeat.domain + "-other")
        let other = stranger.onHeartbeat(heartbeat, authenticity: authenticity, source: "s", at: 1)
        try require(other == .admit, "a heartbeat of another domain is not admitted: \(other)")
    }
}

/// docs/SECURITY.md's admission rules, kept the plain way: every sequence number admitted in the
/// current incarnation in a set, instead of `ReplayWindow`'s 64 bits.
struct AdmissionModel {
    struct Window {
        var incarnation: UnixMillis
        var highest: UInt64
        var admitted: Set<UInt64>
        var last: UnixMillis
    }

    let keyed: Bool
    let maxMembers: Int
    let maxReports: Int
    var windows: [Int: Window] = [:]
    var rejected: [HeartbeatRejection.Reason: UInt64] = [:]
    var reported: Set<String> = []

    /// nil: admitted; otherwise why not, and whether it is reported.
    mutating func decide(
        _ step: HeartbeatAdmissionFuzzCheck.Step, source: String, at: UnixMillis
    ) -> (reason: HeartbeatRejection.Reason, report: Bool)? {
        if step.otherDomain { return nil }
        let reason: HeartbeatRejection.Reason
        switch step.authenticity {
        case .unsigned:
            guard keyed else { return nil }
            reason = .unauthenticated
        case .verified:
            if !keyed {
                reason = .keyed
            } else if fresh(step, at: at) {
                return nil
            } else {
                reason = .replayed
            }
        default:
            reason = keyed ? .badKey : .keyed
        }
        rejected[reason, default: 0] += 1
        let key = source + " " + reason.rawValue
        let report = reported.count < maxReports && !reported.contains(key)
        if report { reported.insert(key) }
        return (reason, report)
    }

    private mutating func fresh(_ step: HeartbeatAdmissionFuzzCheck.Step, at: UnixMillis) -> Bool {
        guard let sequence = step.sequence else { return false }
        guard var window = windows[step.member] else {
            if windows.count >= maxMembers, let oldest = windows.min(by: { $0.value.last < $1.value.last }) {
                windows[oldest.key] = nil
            }
            windows[step.member] = Window(incarnation: step.incarnation, highest: sequence, admitted: [sequence], last: at)
            return true
        }
        if step.incarnation < window.incarnation { return false }
        if step.incarnation > window.incarnation {
            window = Window(incarnation: step.incarnation, highest: sequence, admitted: [], last: at)
        } else if sequence <= window.highest
            && (window.highest - sequence >= 64 || window.admitted.contains(sequence))
        {
            return false
        }
        window.highest = max(window.highest, sequence)
        window.admitted.insert(sequence)
        window.last = at
        windows[step.member] = window
        return true
    }
}
