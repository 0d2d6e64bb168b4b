/// Byte counts for people (`4.2 KiB`) and sizes as people type them (`200`, `4K`, `256M`).
public enum ByteCount {
    /// `812 B`, `4.2 KiB`, `256.0 MiB`, `1.5 GiB`.
    public static func format(_ bytes: Int64) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB"]
        var value = Double(bytes)
        var unit = 0
        while abs(value) >= 1024 && unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        if unit == 0 { return "\(bytes) B" }
        return "\(String(format1(value))) \(units[unit])"
    }

    /// Parses `4096`, `4K`, `4KiB`, `256M`, `1G` (powers of 1024).
    public static func parse(_ text: String) -> Int? {
        var digits = Substring(text)
        var scale = 1
        for (suffix, factor) in [("KiB", 1 << 10), ("MiB", 1 << 20), ("GiB", 1 << 30), ("K", 1 << 10), ("M", 1 << 20), ("G", 1 << 30), ("B", 1)]
        where digits.hasSuffix(suffix) {
            digits = digits.dropLast(suffix.count)
            scale = factor
            break
        }
        guard let value = Int(digits), value >= 0 else { return nil }
        let (product, overflow) = value.multipliedReportingOverflow(by: scale)
        return overflow ? nil : product
    }

    /// One decimal place without Foundation.
    package static func format1(_ value: Double) -> String {
        let tenths = Int64((value * 10).rounded())
        return "\(tenths / 10).\(abs(tenths % 10))"
    }
}
