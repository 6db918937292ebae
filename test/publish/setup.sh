#!/usr/bin/env bash
# Installs what the publish tests need (test/publish/browser.test.ts): Debian's chromium, which
# prints the PDF, and poppler-utils (pdftotext, pdftoppm), which read it back. Idempotent.
set -euo pipefail
missing=()
for p in chromium poppler-utils; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && { echo "publish test packages present"; exit 0; }
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO=sudo; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
