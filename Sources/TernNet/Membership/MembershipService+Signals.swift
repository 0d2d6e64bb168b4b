import Logging
import ServiceLifecycle
import UnixSignals

extension MembershipService {
    /// Runs the service the way a command-line tool does: SIGINT and SIGTERM make it leave the group
    /// and return; SIGUSR1 asks for the table (a `.table` notice). Throws when it cannot start.
    public func runAsTool(logger: Logger) async throws {
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: [.init(service: self, successTerminationBehavior: .gracefullyShutdownGroup)],
                gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        let signals = await UnixSignalsSequence(trapping: .sigusr1)
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask {
                for await _ in signals { self.requestTable() }
            }
            defer { tasks.cancelAll() }
            try await group.run()
        }
    }
}
