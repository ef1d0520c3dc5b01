import ArselAPI
import ArselModel
import Foundation
import TerminalUI

/// The audit trail: every cancel attempt, from the console or the command line, as one JSON
/// line in `$XDG_STATE_HOME/arsel-campaigns/audit.jsonl`. Each line is written under an
/// exclusive flock on a descriptor opened with O_APPEND, so concurrent processes neither tear
/// nor lose lines. Never the key (redacted), never a raw control/C1/bidi character (escaped).
public struct AuditRecord: Sendable, Codable, Equatable {
    public var time: String
    public var user: String
    public var sshConnection: String?
    public var profile: String
    public var apiHost: String
    public var source: String
    public var campaignID: String
    public var campaignName: String?
    public var channel: String
    public var statusBefore: String?
    public var idempotencyKey: String
    public var outcome: String
    public var httpStatus: Int?
    public var errorName: String?
    public var errorMessage: String?
    public var requestID: String?
    public var attempts: Int
    /// For a `resolved` line: the status a later re-read found (`not_found` when it is gone).
    public var statusAfter: String?
    /// Who wrote the line: an intent without an outcome whose process still runs is in flight,
    /// not unknown.
    public var host: String?
    public var pid: Int32?

    enum CodingKeys: String, CodingKey {
        case time, user, sshConnection = "ssh_connection", profile, apiHost = "api_host", source
        case campaignID = "campaign_id", campaignName = "campaign_name", channel, statusBefore = "status_before"
        case idempotencyKey = "idempotency_key", outcome, httpStatus = "http_status", errorName = "error_name"
        case errorMessage = "error_message", requestID = "request_id", attempts
        case statusAfter = "status_after", host, pid
    }

    public init(
        time: Date = Date(), user: String = AuditRecord.currentUser,
        sshConnection: String? = ProcessInfo.processInfo.environment["SSH_CONNECTION"], profile: String, apiHost: String,
        source: String, campaignID: String, campaignName: String?, channel: String, statusBefore: String?,
        idempotencyKey: String, outcome: String, httpStatus: Int?, errorName: String?, errorMessage: String?,
        requestID: String?, attempts: Int, statusAfter: String? = nil, host: String? = AuditRecord.currentHost,
        pid: Int32? = getpid()
    ) {
        self.time = time.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
        self.user = user
        self.sshConnection = sshConnection
        self.profile = profile
        self.apiHost = apiHost
        self.source = source
        self.campaignID = campaignID
        self.campaignName = campaignName
        self.channel = channel
        self.statusBefore = statusBefore
        self.idempotencyKey = idempotencyKey
        self.outcome = outcome
        self.httpStatus = httpStatus
        self.errorName = errorName
        self.errorMessage = errorMessage
        self.requestID = requestID
        self.attempts = attempts
        self.statusAfter = statusAfter
        self.host = host
        self.pid = pid
    }

    public static var currentHost: String {
        var name = [CChar](repeating: 0, count: 256)
        guard gethostname(&name, name.count - 1) == 0 else { return "" }
        return String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    public static var currentUser: String {
        if let pw = getpwuid(getuid()), let name = pw.pointee.pw_name { return String(cString: name) }
        return ProcessInfo.processInfo.environment["USER"] ?? String(getuid())
    }

    public var date: Date? { try? Date(time, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)) }
}

public struct AuditLog: Sendable {
    public let path: String

    public init(path: String) { self.path = path }

    /// Appends one record as one whole line, or nothing (see `AuditFile`); errors are
    /// `AuditLogError`s naming the file ("the disk is full: …").
    public func append(_ record: AuditRecord) throws {
        let dir = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let line = try Self.line(record)
        let fd = try AuditFile.open(path)
        defer { close(fd) }
        try AuditFile.append(line, to: fd, path: path)
    }

    /// One record as its line: keys redacted, and escaped as `--json` escapes text, so that
    /// `tail -f audit.jsonl` can put no control, C1 or bidi character on a terminal.
    public static func line(_ record: AuditRecord) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = String(decoding: try encoder.encode(record.redacted()), as: UTF8.self)
        return Array(JSONEscaping.safe(json).utf8) + [0x0A]
    }

    /// Every record (lines that do not parse are reported as problems, not dropped silently).
    public func read() throws -> (records: [AuditRecord], problems: [String]) {
        guard let data = FileManager.default.contents(atPath: path) else { return ([], []) }
        var records: [AuditRecord] = []
        var problems: [String] = []
        for (i, line) in data.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() where !line.isEmpty {
            if let record = try? JSONDecoder().decode(AuditRecord.self, from: Data(line)) {
                records.append(record)
            } else if let record = Self.recordAfterTornPrefix(line) {
                // A torn record (a full disk, a crash) glued onto a whole one: keep the whole one.
                records.append(record)
                problems.append("\(path):\(i + 1): a damaged (partial) record before this line's record")
            } else {
                problems.append("\(path):\(i + 1): not an audit record (damaged line)")
            }
        }
        return (records, problems)
    }
}

extension AuditLog {
    /// The record that starts at the last `{"` of a damaged line from which a whole record
    /// decodes, if any.
    static func recordAfterTornPrefix(_ line: Data.SubSequence) -> AuditRecord? {
        let bytes = [UInt8](line)
        var i = bytes.count - 1
        while i > 0 {
            if bytes[i] == UInt8(ascii: "{"), bytes[i + 1] == UInt8(ascii: "\""),
                let record = try? JSONDecoder().decode(AuditRecord.self, from: Data(bytes[i...]))
            {
                return record
            }
            i -= 1
        }
        return nil
    }
}

extension AuditRecord {
    /// The record with every registered API key masked (a server may echo the key back).
    func redacted() -> AuditRecord {
        var r = self
        for path in [\AuditRecord.time, \.user, \.profile, \.apiHost, \.source, \.campaignID, \.channel, \.idempotencyKey, \.outcome] {
            r[keyPath: path] = Redaction.apply(r[keyPath: path])
        }
        for path in [\AuditRecord.sshConnection, \.campaignName, \.statusBefore, \.errorName, \.errorMessage, \.requestID, \.statusAfter, \.host] {
            r[keyPath: path] = r[keyPath: path].map(Redaction.apply)
        }
        return r
    }
}
