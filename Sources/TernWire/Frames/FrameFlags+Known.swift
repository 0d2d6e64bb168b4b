extension FrameFlags {
    /// Every flag bit this build knows; a frame with any other bit set is refused, since a future
    /// flag may change how the payload must be read.
    public static let known: FrameFlags = [.ackRequested]
}
