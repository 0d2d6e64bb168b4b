/// Durations as people write them: `500ms`, `90s`, `5m`, `2h`, `7d`, and sums like `1h30m`.
public enum DurationText {
    /// Milliseconds in `text`, or nil when it is not a duration. A bare number means seconds.
    public static func parse(_ text: String) -> Int64? {
        if let seconds = Int64(text), seconds >= 0 { return seconds <= Int64.max / 1000 ? seconds * 1000 : nil }
        var total: Int64 = 0
        var rest = Substring(text)
        guard !rest.isEmpty else { return nil }
        while !rest.isEmpty {
            let digits = rest.prefix(while: \.isNumber)
            guard let value = Int64(digits) else { return nil }
            rest = rest.dropFirst(digits.count)
            let unit = rest.prefix(while: \.isLetter)
            rest = rest.dropFirst(unit.count)
            let scale: Int64
            switch unit {
            case "ms": scale = 1
            case "s": scale = 1000
            case "m": scale = 60_000
            case "h": scale = 3_600_000
            case "d": scale = 86_400_000
            default: return nil
            }
            let (product, overflow) = value.multipliedReportingOverflow(by: scale)
            guard !overflow else { return nil }
            guard total <= Int64.max - product else { return nil }
            total += product
        }
        return total
    }

    /// A compact rendering: `3d4h`, `29m12s`, `850ms`; negative durations get a minus sign.
    public static func format(millis: Int64) -> String {
        if millis < 0 { return "-" + format(millis: millis == .min ? .max : -millis) }
        if millis < 1000 { return "\(millis)ms" }
        var seconds = millis / 1000
        let days = seconds / 86_400
        seconds %= 86_400
        let hours = seconds / 3600
        let minutes = seconds / 60 % 60
        let secs = seconds % 60
        if days > 0 { return "\(days)d" + (hours > 0 ? "\(hours)h" : "") }
        if hours > 0 { return "\(hours)h" + (minutes > 0 ? "\(minutes)m" : "") }
        if minutes > 0 { return "\(minutes)m" + (secs > 0 ? "\(secs)s" : "") }
        return "\(secs)s"
    }
}
