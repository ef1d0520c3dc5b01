import Foundation

/// An error the sandbox answers with Arsel's envelope `{status_code, name, message}`.
struct SandboxError: Error, Sendable {
    var status: Int
    var name: String
    var message: String
    var headers: [(String, String)] = []

    static let notFound = SandboxError(status: 404, name: "not_found", message: "Campaign not found")
    static let unauthorized = SandboxError(status: 401, name: "unauthorized", message: "Invalid or missing API key")
    static let cannotCancel = SandboxError(
        status: 400, name: "bad_request", message: "Campaign cannot be cancelled in its current status")
    static let cannotUpdate = SandboxError(
        status: 400, name: "bad_request", message: "Campaign cannot be updated in its current status")
    static let missingFields = SandboxError(
        status: 400, name: "bad_request", message: "Campaign is missing required fields and cannot be sent")

    static func badRequest(_ message: String) -> SandboxError {
        SandboxError(status: 400, name: "bad_request", message: message)
    }

    static func validation(_ message: String) -> SandboxError {
        SandboxError(status: 422, name: "validation_error", message: message)
    }

    static func rateLimited(retryAfter: Int) -> SandboxError {
        SandboxError(
            status: 429, name: "rate_limit_exceeded",
            message: "Too many requests. Please retry after the period indicated in the retry-after header.",
            headers: [("retry-after", String(retryAfter))])
    }

    static let quotaExceeded = SandboxError(
        status: 429, name: "monthly_quota_exceeded",
        message: "Your organization has used its monthly sending quota. Retrying will not help.")

    static func internalError(_ message: String = "Something went wrong") -> SandboxError {
        SandboxError(status: 500, name: "internal_server_error", message: message)
    }

    /// The envelope as JSON bytes, keys in the docs' order.
    var body: [UInt8] {
        Array(#"{"status_code":\#(status),"name":\#(jsonString(name)),"message":\#(jsonString(message))}"#.utf8)
    }
}

/// A JSON string literal.
func jsonString(_ s: String) -> String {
    String(decoding: (try? JSONEncoder().encode(s)) ?? Data("\"\"".utf8), as: UTF8.self)
}
