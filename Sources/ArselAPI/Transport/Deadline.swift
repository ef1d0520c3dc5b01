import ArselModel
/// Thrown when a call's overall deadline passes.
struct DeadlineExceeded: Error {}

/// Runs `operation`, cancelling it when `deadline` passes. Unlike an HTTP idle timeout, this
/// bounds the whole exchange: a server trickling one byte every few seconds still loses.
func withDeadline<T: Sendable>(
    _ deadline: ContinuousClock.Instant,
    _ operation: @escaping @Sendable () async throws -> T
) async throws -> T {
    try await withThrowingTaskGroup(of: T?.self) { group in
        group.addTask { try await operation() }
        group.addTask {
            try await Task.sleep(until: deadline, clock: .continuous)
            return nil
        }
        defer { group.cancelAll() }
        guard let first = try await group.next() else { throw DeadlineExceeded() }
        guard let value = first else { throw DeadlineExceeded() }
        return value
    }
}
