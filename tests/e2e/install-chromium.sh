#!/bin/sh
# Installs Debian's Chromium for the browser tests when it is missing (Playwright's own browser download is not
# used: it cannot reach its download host here, and Debian's build is what the tests are written against).
set -e
if [ -n "$CHROME_PATH" ] && [ -x "$CHROME_PATH" ]; then echo "chromium: $CHROME_PATH"; exit 0; fi
if command -v chromium >/dev/null 2>&1; then chromium --version 2>/dev/null || true; exit 0; fi
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
chromium --version 2>/dev/null || true
