// The generated `Components` and `Operations` of openapi.yaml live in this module, shared by
// the client (ArselAPI) and the sandbox, so the two cannot drift. SwiftPM needs one
// hand-written file here, otherwise it treats the target as empty.

/// The API version this contract describes (the path prefix of every route).
public let contractAPIVersion = "v1"
