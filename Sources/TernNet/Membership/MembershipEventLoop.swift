import NIOCore
import NIOPosix

/// The event loop of a process that only runs membership (tern-ping): one thread of its own.
/// A member's socket and timers all live on one loop; the singleton group would start one loop
/// per core, and the others would only idle, each with its stack and malloc arena
/// (docs/PERFORMANCE.md, Membership).
public enum MembershipEventLoop {
    /// The group, kept for the life of the process: a group must be shut down before it is released.
    private static let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)

    /// The one loop, started on first use.
    public static var dedicated: any EventLoop { group.next() }
}
