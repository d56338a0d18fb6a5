# Shared by infra/run and infra/test: installing what is missing and building. Source it; do not run it.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

# Debian packages the project needs to build, run and test.
DEBIAN_PACKAGES=(
  build-essential cmake ninja-build ccache pkg-config clang-16 libclang-rt-16-dev
  libboost1.81-dev libpqxx-dev libspdlog-dev nlohmann-json3-dev libsodium-dev
  libcmark-gfm-dev libcmark-gfm-extensions-dev libgtest-dev libmagic-dev libzip-dev poppler-utils
  postgresql-15 postgresql-contrib postgresql-common
  python3 python3-yaml chromium curl nginx
)

export CCACHE_BASEDIR="$ROOT" # cache hits across clones of the repository

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

install_debian_packages() {
  local missing=()
  for package in "${DEBIAN_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" || missing+=("$package")
  done
  # Node.js may come from elsewhere than Debian (this machine image ships one that includes npm).
  command -v node >/dev/null || missing+=(nodejs)
  command -v npm >/dev/null || missing+=(npm)
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing Debian packages: ${missing[*]}"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
}

# npm ci only when package-lock.json changed since the last install.
install_npm_packages() {
  local dir
  for dir in "$ROOT/webclient" "$ROOT/tests"; do
    local stamp="$dir/node_modules/.package-lock.json"
    if [ ! -f "$stamp" ] || [ "$dir/package-lock.json" -nt "$stamp" ]; then
      log "installing npm packages in ${dir#"$ROOT"/}"
      (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
    fi
  done
}

build_backend() { # $1: preset
  log "building the backend ($1)"
  cmake --preset "$1" -S "$ROOT" >/dev/null
  cmake --build --preset "$1" -j "$(nproc)"
}

build_webclient() {
  log "building the webclient"
  (cd "$ROOT/webclient" && npm run --silent build)
}
