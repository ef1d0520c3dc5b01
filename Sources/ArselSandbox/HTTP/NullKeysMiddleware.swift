import ArselModel
import Foundation
import HTTPTypes
import OpenAPIRuntime

/// The real API sends every campaign key, `null` when unset; generated encoders omit nil
/// optionals. This OpenAPI middleware puts the missing keys back, for the operations that
/// return campaign objects, in one place for every route.
struct NullKeysMiddleware: ServerMiddleware {
    func intercept(
        _ request: HTTPRequest, body: HTTPBody?, metadata: ServerRequestMetadata, operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        let (response, responseBody) = try await next(request, body, metadata)
        // The channel is the path's segment before `campaigns`; its keys are its description's.
        guard operationID == "listCampaigns" || operationID == "getCampaign",
              let path = request.path?.split(separator: "?", maxSplits: 1).first,
              let segment = path.split(separator: "/").prefix(while: { $0 != "campaigns" }).last,
              let keys = Channel(rawValue: String(segment))?.spec.fields
        else { return (response, responseBody) }
        guard response.status.code == 200, let responseBody else { return (response, responseBody) }
        let bytes = try await Data(collecting: responseBody, upTo: 16 << 20)
        guard var object = try JSONSerialization.jsonObject(with: bytes) as? [String: Any] else { return (response, HTTPBody(bytes)) }
        func fill(_ campaign: Any) -> Any {
            guard var c = campaign as? [String: Any] else { return campaign }
            for key in keys where c[key] == nil { c[key] = NSNull() }
            return c
        }
        if let data = object["data"] as? [Any] {
            object["data"] = data.map(fill)
            object["has_more"] = object["has_more"] ?? false
        } else {
            object = fill(object) as? [String: Any] ?? object
        }
        let out = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        var fixed = response
        fixed.headerFields[.contentLength] = String(out.count)
        return (fixed, HTTPBody(out))
    }
}
