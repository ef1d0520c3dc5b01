/// Every role the views use: what a theme styles. A theme may leave a role out (it falls back to
/// its parent, then to plain text); it may not name one that does not exist.
public enum Roles {
    public static let all: [String] = [
        "text", "header", "header.active", "badge.sandbox", "badge.production", "badge.readonly", "counts",
        "column.header", "row.cancellable", "row.dimmed", "row.selected", "marker", "marker.cancellable",
        "status", "status.scheduled", "status.queued", "status.sending", "status.sent", "status.failed",
        "status.cancelled", "status.draft", "status.paused", "status.archived", "status.unknown",
        "flash.ok", "flash.error", "flash.unknown", "flash.info", "dialog", "dialog.danger", "dialog.strong",
        "dialog.dim", "button", "button.focused", "button.focused.danger", "help.key", "help.text",
        "help.disabled", "hints", "prompt",
    ]
}
