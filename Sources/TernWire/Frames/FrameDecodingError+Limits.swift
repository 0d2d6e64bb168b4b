import TernCore

extension FrameDecodingError {
    /// The bound of docs/LIMITS.md the stream exceeded, when that is why it did not decode: a
    /// payload length over `maxPayloadBytes` or a list count over `maxListCount` (`.frame`), a
    /// record, attribute count or attribute value over `RecordLimits` (`.attribute`). Nil for
    /// every other reason.
    public var exceededLimit: LimitName? {
        switch reason {
        case .payloadTooLarge: return .frame
        case .malformedBody(_, _, let body):
            guard case .field(.tooLarge(let field, _, _)) = body.reason else { return nil }
            return field == "record" || field.hasPrefix("attribute") ? .attribute : .frame
        default: return nil
        }
    }
}
