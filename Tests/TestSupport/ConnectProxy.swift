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
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 16) == 0 else { throw POSIXError(.EADDRINUSE) }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        port = Int(UInt16(bigEndian: address.sin_port))
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
        let upstream = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = port.bigEndian
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(upstream, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { close(client); close(upstream); return }
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
