import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A real HTTP CONNECT proxy on 127.0.0.1 (port 0) that can hold up the first tunnel it opens:
/// to the client, a connection that takes that long to set up (as a far TLS handshake does) —
/// its request leaves only once the tunnel is there. One thread per direction per connection.
public final class ConnectProxy: Sendable {
    public let port: Int
    private let listener: Int32
    private let opened = Mutex(0)

    public init(delayFirst: Duration = .zero) throws {
        let (fd, port) = try LoopbackSocket.bound(reuse: true)
        guard listen(fd, 16) == 0 else { throw POSIXError(.EADDRINUSE) }
        self.port = port
        listener = fd
        Thread.detachNewThread { [self] in
            while true {
                let client = accept(fd, nil, nil)
                if client < 0 { return }
                let first = opened.withLock { n -> Bool in
                    n += 1
                    return n == 1
                }
                Thread.detachNewThread { Self.serve(client, delay: first ? delayFirst : .zero) }
            }
        }
    }

    /// Tunnels opened so far.
    public var tunnels: Int { opened.withLock { $0 } }

    public func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    private static func serve(_ client: Int32, delay: Duration) {
        // "CONNECT host:port HTTP/1.1" and headers, up to the blank line.
        var head: [UInt8] = []
        var byte: UInt8 = 0
        while !head.ends(with: [13, 10, 13, 10]) {
            guard read(client, &byte, 1) == 1, head.count < 8192 else { close(client); return }
            head.append(byte)
        }
        let line = String(decoding: head, as: UTF8.self).split(separator: "\r\n").first ?? ""
        let parts = line.split(separator: " ")
        guard parts.count >= 2, parts[0] == "CONNECT", let colon = parts[1].lastIndex(of: ":"),
              let port = UInt16(parts[1][parts[1].index(after: colon)...])
        else { close(client); return }
        if delay > .zero { Thread.sleep(forTimeInterval: Double(delay.components.seconds) + Double(delay.components.attoseconds) / 1e18) }
        guard let upstream = LoopbackSocket.connected(to: port) else { close(client); return }
        let ok = Array("HTTP/1.1 200 Connection established\r\n\r\n".utf8)
        _ = ok.withUnsafeBytes { write(client, $0.baseAddress, $0.count) }
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            pump(from: upstream, to: client)
            done.signal()
        }
        pump(from: client, to: upstream)
        done.wait()
        close(client)
        close(upstream)
    }

    private static func pump(from: Int32, to: Int32) {
        var buffer = [UInt8](repeating: 0, count: 16384)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(from, $0.baseAddress, $0.count) }
            if n <= 0 { break }
            var sent = 0
            while sent < n {
                let w = buffer.withUnsafeBytes { write(to, $0.baseAddress! + sent, n - sent) }
                if w <= 0 { break }
                sent += w
            }
        }
        shutdown(to, Int32(SHUT_WR))
        shutdown(from, Int32(SHUT_RD))
    }
}

extension Array where Element == UInt8 {
    fileprivate func ends(with suffix: [UInt8]) -> Bool { count >= suffix.count && Array(self[(count - suffix.count)...]) == suffix }
}
