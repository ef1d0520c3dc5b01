import ArselAPI
import ArselModel
import Foundation
import Logging
import TerminalUI

/// Appends one line per log entry to a file opened with O_APPEND, one write() per line, so
/// concurrent processes never tear lines. Every line passes the sanitiser (a server string must
/// not attack whoever reads the log with `cat`) and the key's redaction.
struct FileLogHandler: LogHandler {
    let fd: Int32
    let label: String
    let key: APIKey?
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .info

    init?(path: String, label: String, key: APIKey?) {
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0o600)
        guard fd >= 0 else { return nil }
        self.fd = fd
        self.label = label
        self.key = key
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        // The one redaction (every key this process knows), as for every text leaving it.
        var text = Redaction.apply("\(event.message)")
        if let key { text = key.redact(text) }
        let time = Date().formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
        let line = "\(time) \(event.level) \(label): \(Sanitizer.sanitize(text))\n"
        var bytes = Array(line.utf8)
        _ = bytes.withUnsafeMutableBytes { write(fd, $0.baseAddress, $0.count) }
    }
}
