# Shared by the scripts: install missing Debian/Ubuntu packages (sudo when not root).
ensure_packages() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "installing: ${missing[*]}" >&2
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq >&2 || true
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >&2
}

# What building and running the product needs, and what its tests need on top.
RUN_PACKAGES=(libsqlite3-dev libncurses-dev libfribidi-dev pkg-config)
TEST_PACKAGES=("${RUN_PACKAGES[@]}" tmux procps openssh-server openssh-client)
