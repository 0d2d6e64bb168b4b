/// Minimum, average and maximum of inter-arrival jitter samples, in milliseconds.
///
/// A sample compares two consecutive arrivals: for numbered heartbeats, the gap between them minus
/// what the sender's sequence numbers and interval say it should be; for unnumbered ones (Tomcat's),
/// the gap minus the previous gap. Both are zero for a perfectly regular stream.
public struct JitterStatistics: Sendable, Hashable {
    /// Samples taken.
    public private(set) var count: UInt64 = 0
    /// The smallest sample; 0 before the first.
    public private(set) var minimum: Int64 = 0
    /// The largest sample; 0 before the first.
    public private(set) var maximum: Int64 = 0
    /// The sum of the samples.
    public private(set) var total: Int64 = 0

    /// No samples yet.
    public init() {}

    /// The mean sample, nil before the first.
    public var average: Double? { count == 0 ? nil : Double(total) / Double(count) }

    /// Adds one sample (its absolute value).
    public mutating func add(_ sample: Int64) {
        let value = sample.magnitude > UInt64(Int64.max) ? Int64.max : abs(sample)
        if count == 0 || value < minimum { minimum = value }
        if count == 0 || value > maximum { maximum = value }
        count += 1
        total = total.addingReportingOverflow(value).overflow ? Int64.max : total + value
    }
}
