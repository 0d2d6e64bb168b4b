import TernCommandSupport
import TernCore
import TernSnapshot

/// The result of `inspect`, as text for people and as one JSON object.
struct InspectReport {
    let file: String
    let header: SnapshotHeader
    let compression: Compression
    let storedBytes: Int64
    let uncompressedBytes: Int64
    let statistics: SnapshotStatistics
    let now: UnixMillis

    var ratio: Double {
        storedBytes > 0 ? Double(uncompressedBytes) / Double(storedBytes) : 1
    }

    var text: [String] {
        let s = statistics
        var lines: [String] = []
        func row(_ label: String, _ value: String) {
            lines.append(label.padding(12) + value)
        }
        row("snapshot", file == "-" ? "(standard input)" : file)
        row("format", "\(header.formatVersion), written by \(header.writer.isEmpty ? "(unknown)" : header.writer)")
        row("source", header.sourceMember == .zero
            ? "(no member)" : "\(header.sourceName.isEmpty ? "(unnamed)" : header.sourceName) \(header.sourceMember)")
        row("cluster", header.cluster)
        row("created", "\(Timestamp.format(header.created)) (\(age(header.created)))")
        switch compression {
        case .gzip:
            row("stored", "gzip, \(ByteCount.format(storedBytes)) for \(ByteCount.format(uncompressedBytes))"
                + " (ratio \(ByteCount.format1(ratio)):1)")
        case .none:
            row("stored", "uncompressed, \(ByteCount.format(uncompressedBytes))")
        }
        row("records", "\(s.sessions + s.tombstones): \(s.sessions) sessions, \(s.tombstones) tombstones")
        row("live", "\(s.live) live, \(s.expired) expired at \(Timestamp.format(s.instant))")
        for (name, counts) in s.sortedContexts {
            row("context", "\(name): \(counts.sessions) sessions (\(counts.live) live, "
                + "\(counts.sessions - counts.live) expired), \(counts.tombstones) tombstones")
        }
        if let median = s.sizes.quantile(0.5), let p99 = s.sizes.quantile(0.99) {
            row("attributes", "\(s.attributes) values, \(ByteCount.format(s.attributeBytes)); "
                + "size min \(ByteCount.format(Int64(s.sizes.minimum))), median \(ByteCount.format(Int64(median))), "
                + "p99 \(ByteCount.format(Int64(p99))), max \(ByteCount.format(Int64(s.sizes.maximum)))")
        } else {
            row("attributes", "none")
        }
        if let oldest = s.oldestAccess, let newest = s.newestAccess {
            row("access", "oldest \(Timestamp.format(oldest)), newest \(Timestamp.format(newest))")
        }
        let versions = header.versionVector.sortedVersions
        row("versions", versions.isEmpty ? "(empty vector)" : versions.map(\.description).joined(separator: ", "))
        row("integrity", "structure checked; SHA-256 not checked (tern-snap verify checks it)")
        return lines
    }

    var json: JSONObject {
        let s = statistics
        var object: JSONObject = [
            "kind": .string("inspect"), "file": .string(file), "format": .int(Int64(header.formatVersion)),
            "writer": .string(header.writer), "created": .string(Timestamp.format(header.created)),
            "sourceMember": .string(header.sourceMember.description), "sourceName": .string(header.sourceName),
            "cluster": .string(header.cluster), "compression": .string(compression.rawValue),
            "storedBytes": .int(storedBytes), "uncompressedBytes": .int(uncompressedBytes),
            "ratio": .double((ratio * 1000).rounded() / 1000), "records": .int(Int64(s.sessions + s.tombstones)),
            "sessions": .int(Int64(s.sessions)), "live": .int(Int64(s.live)), "expired": .int(Int64(s.expired)),
            "tombstones": .int(Int64(s.tombstones)), "at": .string(Timestamp.format(s.instant)),
        ]
        object.append("contexts", .array(s.sortedContexts.map { name, counts in
            .object([
                "context": .string(name), "sessions": .int(Int64(counts.sessions)), "live": .int(Int64(counts.live)),
                "expired": .int(Int64(counts.sessions - counts.live)), "tombstones": .int(Int64(counts.tombstones)),
            ])
        }))
        object.append("attributes", .int(Int64(s.attributes)))
        object.append("attributeBytes", .int(s.attributeBytes))
        if let median = s.sizes.quantile(0.5), let p99 = s.sizes.quantile(0.99) {
            object.append("attributeSize", .object([
                "min": .int(Int64(s.sizes.minimum)), "median": .int(Int64(median)), "p99": .int(Int64(p99)),
                "max": .int(Int64(s.sizes.maximum)),
            ]))
        } else {
            object.append("attributeSize", .null)
        }
        object.append("oldestAccess", s.oldestAccess.map { .string(Timestamp.format($0)) } ?? .null)
        object.append("newestAccess", s.newestAccess.map { .string(Timestamp.format($0)) } ?? .null)
        object.append("versionVector", .array(header.versionVector.sortedVersions.map(RecordJSON.encode)))
        return object
    }

    private func age(_ time: UnixMillis) -> String {
        let delta = now - time
        return delta >= 0 ? "\(DurationText.format(millis: delta)) ago" : "in \(DurationText.format(millis: -delta))"
    }
}

extension String {
    /// Pads with spaces to `width` characters (never truncates).
    func padding(_ width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }
}
