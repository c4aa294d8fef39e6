#!/bin/sh
# Create the virtualenv, installing Debian's venv support first when it is missing.
set -eu
python="$1"; venv="$2"
if [ -x "$venv/bin/python" ]; then exit 0; fi
if ! "$python" -m venv "$venv" 2>/dev/null; then
  rm -rf "$venv"
  pkg="python3-venv"
  if command -v apt-get >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq "$pkg";
    elif command -v sudo >/dev/null 2>&1; then sudo apt-get update -qq && sudo apt-get install -y -qq "$pkg";
    fi
  fi
  "$python" -m venv "$venv" || { echo "cannot create a virtualenv: install $pkg (Debian) or python3 with venv" >&2; exit 1; }
fi
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip
