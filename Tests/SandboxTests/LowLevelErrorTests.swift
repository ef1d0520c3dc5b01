import ArselSandbox
import Foundation
import Testing
import TestSupport

/// The sandbox's own low-level answers carry the error envelope like every other error (issue 9):
/// an oversized body is 413, not 500; a request it cannot parse is a 400 with a body.
@Suite struct LowLevelErrorTests {
    @Test func anOversizedBodyIs413WithTheEnvelope() async throws {
        let sandbox = try await Sandbox.startForTests()
        defer { Task { await sandbox.stop() } }
        let huge = "{\"name\":\"" + String(repeating: "x", count: 2 << 20) + "\"}"
        let answer = try await RawHTTP.send("POST", sandbox.baseURL.absoluteString + "/email/campaigns", key: sandbox.demoKey, body: huge)
        #expect(answer.status == 413, "\(answer.status) \(answer.body.prefix(200))")
        #expect(answer.object?["status_code"] as? Int == 413)
        #expect(answer.object?["name"] as? String == "payload_too_large")
    }

    @Test func aRequestItCannotParseIs400WithTheEnvelope() async throws {
        let sandbox = try await Sandbox.startForTests()
        defer { Task { await sandbox.stop() } }
        let port = try #require(sandbox.baseURL.port)
        let reply = try Self.exchange(port: port, "GET /v1/email/campaigns HTTP/1.1\r\nHost: x\r\nBad Header Line\r\n\r\n")
        let head = reply.components(separatedBy: "\r\n\r\n").first ?? ""
        #expect(head.hasPrefix("HTTP/1.1 400"), "\(reply)")
        let body = reply.components(separatedBy: "\r\n\r\n").dropFirst().joined()
        let object = try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any]
        #expect(object?["status_code"] as? Int == 400, "\(reply)")
        #expect(object?["name"] as? String == "bad_request")
    }

    /// Raw bytes on a socket: AsyncHTTPClient would never send a malformed request.
    static func exchange(port: Int, _ request: String) throws -> String {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        try #require(fd >= 0)
        defer { close(fd) }
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        try #require(connected == 0)
        _ = Array(request.utf8).withUnsafeBytes { send(fd, $0.baseAddress, $0.count, 0) }
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n <= 0 { break }
            out += chunk[0..<n]
            if let text = String(bytes: out, encoding: .utf8), text.contains("}") { break }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
