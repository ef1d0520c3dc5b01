import Foundation

/// The audit trail: every cancel attempt, from the console or the command line, as one JSON
/// line in `$XDG_STATE_HOME/arsel-campaigns/audit.jsonl`. Each line is a single write() on a
/// descriptor opened with O_APPEND, so concurrent processes neither tear nor lose lines (POSIX
/// appends are atomic per write on a local file). Never the key.
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

    enum CodingKeys: String, CodingKey {
        case time, user, sshConnection = "ssh_connection", profile, apiHost = "api_host", source
        case campaignID = "campaign_id", campaignName = "campaign_name", channel, statusBefore = "status_before"
        case idempotencyKey = "idempotency_key", outcome, httpStatus = "http_status", errorName = "error_name"
        case errorMessage = "error_message", requestID = "request_id", attempts
    }

    public init(
        time: Date = Date(), user: String = AuditRecord.currentUser,
        sshConnection: String? = ProcessInfo.processInfo.environment["SSH_CONNECTION"], profile: String, apiHost: String,
        source: String, campaignID: String, campaignName: String?, channel: String, statusBefore: String?,
        idempotencyKey: String, outcome: String, httpStatus: Int?, errorName: String?, errorMessage: String?,
        requestID: String?, attempts: Int
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

    /// Appends one record as one line, in one write.
    public func append(_ record: AuditRecord) throws {
        let dir = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var line = try encoder.encode(record)
        line.append(0x0A)
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { close(fd) }
        let written = line.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard written == line.count else { throw POSIXError(.EIO) }
    }

    /// Every record (lines that do not parse are reported as problems, not dropped silently).
    public func read() throws -> (records: [AuditRecord], problems: [String]) {
        guard let data = FileManager.default.contents(atPath: path) else { return ([], []) }
        var records: [AuditRecord] = []
        var problems: [String] = []
        for (i, line) in data.split(separator: 0x0A).enumerated() {
            do { records.append(try JSONDecoder().decode(AuditRecord.self, from: Data(line))) } catch {
                problems.append("\(path):\(i + 1): not an audit record")
            }
        }
        return (records, problems)
    }
}
