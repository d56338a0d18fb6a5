# Shared by infra/run and infra/test: installing what is missing and building. Source it; do not run it.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

# Debian packages the project needs to build, run and test.
DEBIAN_PACKAGES=(
  build-essential cmake ninja-build ccache pkg-config clang-16 libclang-rt-16-dev clang-format-16 clang-tidy-16
  libboost1.81-dev libpqxx-dev libpq-dev libspdlog-dev nlohmann-json3-dev libsodium-dev
  libcmark-gfm-dev libcmark-gfm-extensions-dev libgtest-dev libmagic-dev libzip-dev poppler-utils
  libgmime-3.0-dev libcurl4-openssl-dev liboath-dev libcjose-dev libjansson-dev libical-dev
  postgresql-15 postgresql-contrib postgresql-common
  python3 python3-yaml chromium curl nginx pgbackrest systemd
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

# The build type-checks the webclient.
build_webclient() {
  log "building the webclient"
  (cd "$ROOT/webclient" && npm run --silent build)
}

# For the test command: the webclient's formatting, that src/api-types.ts matches schemas/openapi.yaml, and that no
# modules import each other in a cycle; the C++ layout (.clang-format). Seconds.
lint() {
  log "checking the code: webclient lint, C++ layout"
  (cd "$ROOT/webclient" && npm run --silent lint)
  "$ROOT/infra/tools/check-format"
}

# clang-tidy (.clang-tidy) on the backend files changed since the last commit at which every file passed
# (infra/tools/tidy-clean-at), niced in the background so that it uses what the tests leave of the CPU: a run over
# every file (infra/tools/check-tidy --all) takes a quarter of an hour of both cores. tidy_wait gives its verdict.
# $1: the build directory with compile_commands.json.
TIDY_LOG="$ROOT/build/clang-tidy.log"
tidy_start() {
  log "clang-tidy runs in the background (build/clang-tidy.log)"
  nice -n 10 "$ROOT/infra/tools/check-tidy" "$1" >"$TIDY_LOG" 2>&1 &
  TIDY_PID=$!
}
tidy_wait() {
  local status=0
  wait "$TIDY_PID" || status=$?
  if [ "$status" -ne 0 ]; then
    grep -E '(error|warning): ' "$TIDY_LOG" | sort -u >&2 || cat "$TIDY_LOG" >&2
    log "clang-tidy found the problems above (build/clang-tidy.log)"
  else
    log "clang-tidy: $(head -n 1 "$TIDY_LOG")"
  fi
  return "$status"
}
