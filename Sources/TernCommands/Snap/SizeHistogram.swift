/// Log-linear histogram of sizes: exact below 128, else 64 sub-buckets per power of two, so a
/// quantile is within 1.6 % of the truth in constant memory, whatever the number of values.
struct SizeHistogram {
    private var buckets = [Int64](repeating: 0, count: 128 + 58 * 64)
    private(set) var count: Int64 = 0
    private(set) var minimum = Int.max
    private(set) var maximum = 0

    mutating func add(_ value: Int) {
        count += 1
        minimum = min(minimum, value)
        maximum = max(maximum, value)
        buckets[Self.bucket(of: value)] += 1
    }

    /// The value at quantile `q` (0...1), clamped to the observed range; nil when empty.
    func quantile(_ q: Double) -> Int? {
        guard count > 0 else { return nil }
        let rank = max(1, Int64((q * Double(count)).rounded(.up)))
        var seen: Int64 = 0
        for (index, bucketCount) in buckets.enumerated() where bucketCount > 0 {
            seen += bucketCount
            if seen >= rank { return min(max(Self.middle(of: index), minimum), maximum) }
        }
        return maximum
    }

    static func bucket(of value: Int) -> Int {
        guard value >= 128 else { return max(0, value) }
        let exponent = Int.bitWidth - 1 - value.leadingZeroBitCount
        let sub = (value >> (exponent - 6)) & 63
        return 128 + (exponent - 7) * 64 + sub
    }

    static func middle(of bucket: Int) -> Int {
        guard bucket >= 128 else { return bucket }
        let exponent = (bucket - 128) / 64 + 7
        let sub = (bucket - 128) % 64
        let low = (64 + sub) << (exponent - 6)
        return low + (1 << (exponent - 6)) / 2
    }
}
