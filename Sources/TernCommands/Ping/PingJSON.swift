import TernCommandSupport
import TernCore
import TernNetMembership
import TernWire

/// tern-ping's JSON Lines: the objects and field names the man page lists.
enum PingJSON {
    /// One `joined`, `changed`, `restarted`, `left` or `dead` object.
    static func event(_ event: MembershipEvent, tomcat: TribesMember?) -> JSONValue {
        let heartbeat = event.heartbeat
        var object = JSONObject([
            ("event", .string(event.kind.name)), ("time", .string(Timestamp.format(event.at))),
            ("member", .string(heartbeat.member.description)), ("name", .string(heartbeat.name)),
            ("domain", .string(heartbeat.domain)),
            ("incarnation", tomcat == nil ? .string(Timestamp.format(heartbeat.incarnation)) : .null),
            ("sequence", heartbeat.sequence.map { .int(Int64(clamping: $0)) } ?? .null),
            ("interval", .int(heartbeat.interval)), ("state", .string(heartbeat.state.description)),
            ("endpoint", heartbeat.endpoint.map { .string($0.description) } ?? .null),
            ("tags", .object(JSONObject(heartbeat.tags.map { (key: $0.key, value: .string($0.value)) }))),
            ("via", event.path.map { .string($0.rawValue) } ?? .null), ("source", .string(event.source)),
        ])
        switch event.kind {
        case .changed(let changes):
            object.append("changes", .array(changes.map(change)))
        case .restarted(let previous):
            object.append("previousIncarnation", .string(Timestamp.format(previous)))
        case .dead(let silent):
            object.append("silentMs", .int(silent))
        case .joined, .left:
            break
        }
        if let tomcat { object.append("tomcat", Self.tomcat(tomcat)) }
        return .object(object)
    }

    /// A `rejected` object: the first heartbeat dropped from a source for a reason.
    static func rejected(_ rejection: HeartbeatRejection) -> JSONValue {
        .object(
            JSONObject([
                ("event", .string("rejected")), ("time", .string(Timestamp.format(rejection.at))),
                ("reason", .string(rejection.reason.rawValue)), ("from", .string(rejection.source)),
                ("member", .string(rejection.member.description)), ("name", .string(rejection.name)),
                ("keyId", rejection.keyID.map { .string($0.description) } ?? .null),
            ]))
    }

    /// A `summary` line per member, then the `totals` line.
    static func summaries(_ snapshot: MembershipSnapshot) -> [String] {
        let time = JSONValue.string(Timestamp.format(snapshot.at))
        var lines = PingText.sortedMembers(snapshot.table).map { record in
            JSONValue.object(
                JSONObject([
                    ("event", .string("summary")), ("time", time),
                    ("member", .string(record.heartbeat.member.description)),
                    ("name", .string(record.heartbeat.name)),
                    ("endpoint", record.heartbeat.endpoint.map { .string($0.description) } ?? .null),
                    ("status", .string(record.status.rawValue)),
                    ("firstSeen", .string(Timestamp.format(record.firstSeen))),
                    ("lastSeen", .string(Timestamp.format(record.lastSeen))),
                    ("restarts", .int(Int64(record.restarts))),
                    ("staleHeartbeats", .int(Int64(clamping: record.staleHeartbeats))),
                    ("multicast", record.multicast.map(statistics) ?? .null),
                    ("unicast", record.unicast.map(statistics) ?? .null),
                ])
            ).serialized
        }
        let table = snapshot.table
        var domains = JSONObject([])
        for (domain, count) in table.otherDomains.sorted(by: { $0.key < $1.key }) {
            domains.append(domain, .int(Int64(clamping: count)))
        }
        lines.append(
            JSONValue.object(
                JSONObject([
                    ("event", .string("totals")), ("time", time), ("members", .int(Int64(table.members.count))),
                    ("alive", .int(Int64(table.members.values.filter { $0.status == .alive }.count))),
                    ("sent", .int(Int64(clamping: snapshot.sent))),
                    ("sendFailures", .int(Int64(clamping: snapshot.sendFailures))),
                    ("undecodable", .int(Int64(clamping: snapshot.undecodable))),
                    (
                        "rejected",
                        .object(
                            JSONObject(
                                HeartbeatRejection.Reason.allCases.map {
                                    (key: $0.rawValue, value: .int(Int64(clamping: snapshot.rejected[$0] ?? 0)))
                                }))
                    ),
                    ("ownHeartbeats", .int(Int64(clamping: table.ownHeartbeats))),
                    ("idConflicts", .int(Int64(clamping: table.idConflicts))), ("otherDomains", .object(domains)),
                    ("tomcatFrames", .int(Int64(clamping: snapshot.tomcatFrames))),
                ])
            ).serialized)
        return lines
    }

    /// The `verdict` line of `--expect`.
    static func verdict(_ verdict: ExpectationVerdict, expected: Int, at: UnixMillis) -> String {
        let (heard, byMulticast): (Int, Int)
        switch verdict {
        case .met(let count): (heard, byMulticast) = (count, count)
        case .nobodyHeard: (heard, byMulticast) = (0, 0)
        case .someMissing(let members, _): (heard, byMulticast) = (members.count, members.count)
        case .onlyUnicastHeard(let unicastOnly, let multicast, _):
            (heard, byMulticast) = (unicastOnly.count + multicast, multicast)
        }
        return JSONValue.object(
            JSONObject([
                ("event", .string("verdict")), ("time", .string(Timestamp.format(at))), ("met", .bool(verdict.isMet)),
                ("reason", .string(verdict.reason)), ("expected", .int(Int64(expected))),
                ("heardByMulticast", .int(Int64(byMulticast))), ("heard", .int(Int64(heard))),
            ])
        ).serialized
    }

    private static func statistics(_ statistics: PathStatistics) -> JSONValue {
        let jitter = statistics.jitter
        return .object(
            JSONObject([
                ("received", .int(Int64(clamping: statistics.received))),
                ("duplicates", .int(Int64(clamping: statistics.duplicates))),
                ("lost", statistics.isNumbered ? .int(Int64(clamping: statistics.lost)) : .null),
                ("lossPercent", percent(statistics.loss)),
                ("lostAfterFirst", statistics.isNumbered ? .int(Int64(clamping: statistics.lostAfterFirst)) : .null),
                ("lossAfterFirstPercent", percent(statistics.lossAfterFirst)),
                ("firstSequence", statistics.firstSequence.map { .int(Int64(clamping: $0)) } ?? .null),
                (
                    "jitterMs",
                    jitter.average.map {
                        .object(
                            JSONObject([
                                ("min", .int(jitter.minimum)), ("avg", .double(($0 * 10).rounded() / 10)),
                                ("max", .int(jitter.maximum)),
                            ]))
                    } ?? .null
                ),
                ("lastSeen", .string(Timestamp.format(statistics.lastSeen))),
            ]))
    }

    private static func percent(_ fraction: Double?) -> JSONValue {
        fraction.map { .double(($0 * 10000).rounded() / 100) } ?? .null
    }

    private static func change(_ change: MemberChange) -> JSONValue {
        func object(_ from: JSONValue, _ to: JSONValue) -> JSONValue {
            .object(JSONObject([("field", .string(change.field)), ("from", from), ("to", to)]))
        }
        switch change {
        case .state(let from, let to): return object(.string(from.description), .string(to.description))
        case .endpoint(let from, let to):
            return object(from.map { .string($0.description) } ?? .null, to.map { .string($0.description) } ?? .null)
        case .name(let from, let to): return object(.string(from), .string(to))
        case .interval(let from, let to): return object(.int(from), .int(to))
        case .tags(let from, let to):
            return object(.array(from.map { .string($0.description) }), .array(to.map { .string($0.description) }))
        }
    }

    private static func tomcat(_ member: TribesMember) -> JSONValue {
        .object(
            JSONObject([
                ("alive", .int(member.aliveTime)), ("host", .string(member.hostText)),
                ("port", .int(Int64(member.port))),
                ("securePort", .int(Int64(member.securePort))), ("udpPort", .int(Int64(member.udpPort))),
                ("uniqueId", .string(Hex.encode(member.uniqueId))),
                ("command", .string(TribesMember.latin1(member.command))),
                ("payloadBytes", .int(Int64(member.payload.count))),
            ]))
    }
}
