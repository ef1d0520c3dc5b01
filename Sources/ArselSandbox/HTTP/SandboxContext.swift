import Hummingbird
import NIOCore

/// The request context: Hummingbird's, plus the connection (fault injection resets it) and
/// the organisation the key belongs to (set by the auth middleware).
struct SandboxContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let channel: any Channel
    var orgID: String?

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }
}

/// The organisation of the request being handled, for the generated API handlers (which see no
/// Hummingbird context).
enum CurrentRequest {
    @TaskLocal static var orgID: String?
    @TaskLocal static var quotaExhausted = false
}
