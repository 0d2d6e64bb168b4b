#if canImport(Glibc)
    import Glibc
#endif

/// Keeps memory the process frees for its next allocations instead of handing it back to the
/// kernel, once per process, when a replication sender or store is made.
///
/// Replication allocates and frees large buffers all the time (64 KiB frames to send, reads of up
/// to 1 MiB). With glibc's defaults a freed buffer at the top of the heap is returned to the kernel
/// (the trim threshold) and buffers over a moving threshold are mapped and unmapped one by one, so
/// the next buffer of the same size faults its pages in again, each one zeroed. Fixed thresholds
/// stop that (docs/REPLICATION.md, "Memory"). Elsewhere than glibc this does nothing.
enum MallocTuning {
    /// Applies the tuning; later calls do nothing.
    static func apply() {
        _ = applied
    }

    private static let applied: Bool = {
        #if canImport(Glibc)
            // `mallopt` is in <malloc.h>, which the Glibc module leaves out: look it up instead.
            typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
            guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return false }
            let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
            // Blocks from 32 MiB are mapped on their own (M_MMAP_THRESHOLD); up to 256 MiB free at
            // the top of the heap stays (M_TRIM_THRESHOLD).
            let mmapThreshold: Int32 = -3
            let trimThreshold: Int32 = -1
            _ = mallopt(mmapThreshold, 32 << 20)
            _ = mallopt(trimThreshold, 256 << 20)
            return true
        #else
            return false
        #endif
    }()
}
