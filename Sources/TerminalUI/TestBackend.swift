import Synchronization

/// A backend without a terminal: it keeps the last frame, so tests read the screen as text.
public final class TestBackend: Backend {
    private let state: Mutex<(width: Int, height: Int, frame: Buffer?, frames: Int, drawnAt: ContinuousClock.Instant?)>

    public init(width: Int, height: Int) {
        state = Mutex((width, height, nil, 0, nil))
    }

    public var size: (width: Int, height: Int) { state.withLock { ($0.width, $0.height) } }

    public func resize(width: Int, height: Int) { state.withLock { $0.width = width; $0.height = height } }

    public func draw(_ buffer: Buffer) {
        let now = ContinuousClock.now
        state.withLock { $0.frame = buffer; $0.frames += 1; $0.drawnAt = now }
    }

    /// When the last frame was drawn (key-to-screen latency in tests).
    public var drawnAt: ContinuousClock.Instant? { state.withLock { $0.drawnAt } }

    public var frame: Buffer? { state.withLock { $0.frame } }
    public var frames: Int { state.withLock { $0.frames } }
    public var screen: String { frame?.lines.joined(separator: "\n") ?? "" }
}
