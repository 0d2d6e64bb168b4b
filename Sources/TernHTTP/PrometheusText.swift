/// Metrics in the Prometheus text exposition format (version 0.0.4): `# HELP`, `# TYPE`, then one
/// line per sample.
public struct PrometheusText: Sendable {
    /// The text so far.
    public private(set) var text = ""

    /// An empty exposition.
    public init() {}

    /// A metric family: its help line and type (`counter`, `gauge`, `histogram`).
    public mutating func family(_ name: String, _ type: String, help: String) {
        text += "# HELP \(name) \(help)\n# TYPE \(name) \(type)\n"
    }

    /// One sample of `name` with `labels` (in the order given).
    public mutating func sample(_ name: String, labels: [(String, String)] = [], _ value: Double) {
        text += name
        if !labels.isEmpty {
            text += "{" + labels.map { "\($0.0)=\"\(Self.escape($0.1))\"" }.joined(separator: ",") + "}"
        }
        text += " " + Self.format(value) + "\n"
    }

    /// One sample of an integer value.
    public mutating func sample(_ name: String, labels: [(String, String)] = [], _ value: Int) {
        sample(name, labels: labels, Double(value))
    }

    /// A histogram's bucket, sum and count lines.
    public mutating func histogram(_ name: String, labels: [(String, String)] = [], _ histogram: LatencyHistogram) {
        var cumulative = 0
        for (bound, count) in zip(LatencyHistogram.bounds, histogram.counts) {
            cumulative += count
            sample(name + "_bucket", labels: labels + [("le", Self.format(bound))], cumulative)
        }
        sample(name + "_bucket", labels: labels + [("le", "+Inf")], histogram.count)
        sample(name + "_sum", labels: labels, histogram.sum)
        sample(name + "_count", labels: labels, histogram.count)
    }

    static func format(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    static func escape(_ value: String) -> String {
        var escaped = ""
        for character in value {
            switch character {
            case "\\": escaped += "\\\\"
            case "\"": escaped += "\\\""
            case "\n": escaped += "\\n"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}

/// Durations in fixed buckets (seconds), as a Prometheus histogram counts them.
public struct LatencyHistogram: Sendable, Hashable {
    /// The upper bounds of the buckets, in seconds.
    public static let bounds: [Double] = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5]
    /// Observations per bucket (not cumulative); those above the last bound are only in `count`.
    public private(set) var counts = [Int](repeating: 0, count: LatencyHistogram.bounds.count)
    /// All observations.
    public private(set) var count = 0
    /// Their sum, in seconds.
    public private(set) var sum = 0.0

    /// An empty histogram.
    public init() {}

    /// Counts one duration, in seconds.
    public mutating func observe(_ seconds: Double) {
        count += 1
        sum += seconds
        if let index = Self.bounds.firstIndex(where: { seconds <= $0 }) { counts[index] += 1 }
    }
}
