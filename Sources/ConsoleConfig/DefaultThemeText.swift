/// themes/default.yaml, compiled in (a test keeps the two identical).
enum DefaultThemeText {
    static let yaml = #"""
# arsel-campaigns theme. Colours: black red green yellow blue magenta cyan white, bright-<name>,
# default (the terminal's own), 0-255, "#rrggbb", or a name from `palette`. Attributes: bold dim
# underline reverse italic. `mono` is used when colours are off (NO_COLOR, --no-color, or a
# terminal without colours); roles it leaves out keep their attributes only.
name: default
description: For dark terminals. Status is glyph + word + colour; colour is never the only cue.
palette:
  accent: "#5f87d7"
  ok: "#5faf5f"
  bad: "#d75f5f"
  warn: "#d7af5f"
  info: "#5fafd7"
  muted: "#8a8a8a"
roles:
  header: {fg: white, bg: accent}
  header.active: {fg: bright-yellow, bg: accent, attrs: [bold]}
  badge.sandbox: {fg: black, bg: warn, attrs: [bold]}
  badge.production: {fg: white, bg: bad, attrs: [bold]}
  badge.readonly: {fg: black, bg: info, attrs: [bold]}
  column.header: {attrs: [bold, underline]}
  row.cancellable: {attrs: [bold]}
  row.dimmed: {fg: muted}
  row.selected: {attrs: [reverse]}
  marker: {fg: muted}
  marker.cancellable: {fg: ok, attrs: [bold]}
  status.scheduled: {fg: info}
  status.queued: {fg: info}
  status.sending: {fg: warn, attrs: [bold]}
  status.sent: {fg: ok}
  status.failed: {fg: bad}
  status.cancelled: {fg: magenta}
  status.draft: {fg: muted}
  status.paused: {fg: warn}
  status.archived: {fg: muted}
  status.unknown: {fg: muted, attrs: [italic]}
  flash.ok: {fg: ok, attrs: [bold]}
  flash.error: {fg: bad, attrs: [bold]}
  flash.unknown: {fg: warn, attrs: [bold]}
  dialog.danger: {fg: bad, attrs: [bold]}
  dialog.strong: {attrs: [bold]}
  dialog.dim: {fg: muted}
  button.focused: {attrs: [bold, reverse]}
  button.focused.danger: {fg: white, bg: bad, attrs: [bold]}
  help.key: {fg: info, attrs: [bold]}
  help.disabled: {fg: muted}
  hints: {fg: muted}
  prompt: {attrs: [bold]}
mono:
  header: {attrs: [reverse]}
  header.active: {attrs: [reverse, bold]}
  badge.sandbox: {attrs: [reverse, bold]}
  badge.production: {attrs: [reverse, bold]}
  badge.readonly: {attrs: [reverse, bold]}
  row.dimmed: {attrs: [dim]}
  marker: {attrs: [dim]}
  flash.error: {attrs: [bold, underline]}
  hints: {attrs: [dim]}
  dialog.dim: {attrs: [dim]}

"""#
}
