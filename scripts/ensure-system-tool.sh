#!/bin/sh
# ensure-system-tool.sh COMMAND DEBIAN_PACKAGE BREW_FORMULA
# Installs a system tool when COMMAND is missing: apt-get as root or with sudo,
# brew on macOS; otherwise says how to install it and fails.
set -u
cmd="$1"; deb="$2"; brew_formula="$3"
if command -v "$cmd" >/dev/null 2>&1; then exit 0; fi
echo "'$cmd' not found: installing $deb ..." >&2
if command -v apt-get >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$deb" >/dev/null && exit 0
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo apt-get update -qq >/dev/null && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$deb" >/dev/null && exit 0
  fi
fi
if [ -n "$brew_formula" ] && command -v brew >/dev/null 2>&1; then
  brew install "$brew_formula" && exit 0
fi
echo "Could not install '$cmd'. Install it yourself:" >&2
echo "  Debian/Ubuntu: sudo apt-get install $deb" >&2
[ -n "$brew_formula" ] && echo "  macOS:         brew install $brew_formula" >&2
exit 1
