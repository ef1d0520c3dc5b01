import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A port on 127.0.0.1 that refuses connections for as long as this is kept: bound, never
/// listening. (A server that was started and shut down leaves a port another test of the same
/// run may bind next — then the "refused" connection is answered.)
public final class RefusingPort: Sendable {
    public let port: Int
    private let fd: Int32

    public init() throws {
        (fd, port) = try LoopbackSocket.bound(reuse: false)
    }

    public var baseURL: String { "http://127.0.0.1:\(port)/v1" }

    deinit { close(fd) }
}
