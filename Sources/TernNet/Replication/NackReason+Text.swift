import TernWire

extension NackReason {
    /// The reason in words.
    var text: String {
        switch self {
        case .needsFullSession: "needs the whole session"
        case .notReady: "not ready"
        case .tooLarge: "too large"
        case .malformed: "malformed"
        case .unsupported: "unsupported"
        case .overloaded: "overloaded"
        case .notServing: "does not serve state"
        case .clockAhead: "version too far ahead of the receiver's clock"
        }
    }

    /// The reason in words, followed by the peer's detail in parentheses when it sent one.
    func text(detail: String) -> String {
        detail.isEmpty ? text : "\(text) (\(detail))"
    }
}
