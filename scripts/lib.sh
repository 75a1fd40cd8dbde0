# Shared by build.sh and run-local.sh (sourced from the repository root).

log() { printf '==> %s\n' "$*"; }

# Installs Azurite from the committed package-lock.json, only when node_modules was not installed from this very
# lockfile (worktrees may share one node_modules; the stamp records which lockfile it came from).
install_local_services() {
  if ! command -v npm >/dev/null 2>&1; then
    echo "npm is required (Azurite is installed from the committed package-lock.json)" >&2
    exit 1
  fi
  local stamp="node_modules/.wechatdomains-lock"
  if [ -x node_modules/.bin/azurite ] && cmp -s package-lock.json "$stamp"; then
    log "Azurite already installed from this package-lock.json"
    return 0
  fi
  log "npm ci (Azurite $(node -p "require('./package.json').devDependencies.azurite"))"
  npm ci --no-audit --no-fund --loglevel=error >/dev/null
  cp package-lock.json "$stamp"
}
