#!/usr/bin/env bash
# Install the system libraries MedGuide needs on Debian/Ubuntu, with apt-get (sudo when not root).
#
#   bash packaging/install-system-deps.sh [--ci] [--check]
#
# Run it after `pip install`: the list of Qt's libraries is not written by hand but derived from
# `ldd` on the Qt platform plugin (xcb) and the Qt libraries of the installed PySide6, so a new
# PySide6 that needs another library still gets it. Each missing library (libxcb-icccm.so.4) is
# turned into its Debian package by the shared-library naming rule (libxcb-icccm4), checked with
# apt-cache, installed, and ldd is asked again until nothing is missing.
# Always installed as well:
#   libxcb-cursor0     Qt loads it with dlopen() when the window starts, so ldd cannot see it
#   fonts-dejavu-core  a font for the window and the handouts on a machine with none
#   poppler-utils      pdftotext/pdftoppm, used by the tests to read printed handouts
# --ci also installs xvfb and xauth (the real-window smoke test under Xvfb).
# --check installs nothing: it prints what ldd still misses and exits 1 if anything is.
# Safe to run twice; does nothing when everything is present.
set -euo pipefail
cd "$(dirname "$0")/.."

ci=0
check=0
for arg in "$@"; do
  case "$arg" in
    --ci) ci=1 ;;
    --check) check=1 ;;
    *) echo "usage: $0 [--ci] [--check]" >&2; exit 2 ;;
  esac
done

python="${MEDGUIDE_PYTHON:-.venv/bin/python}"
always=(libxcb-cursor0 fonts-dejavu-core fontconfig poppler-utils)
((ci)) && always+=(xvfb xauth)

qt_dir() {
  "$python" -c 'import pathlib, PySide6; print(pathlib.Path(PySide6.__file__).parent / "Qt")' 2>/dev/null
}

# Shared objects ldd cannot find, over the xcb plugin and the Qt libraries the app loads.
missing_libraries() {
  local qt="$1"
  local targets=("$qt"/plugins/platforms/libqxcb.so "$qt"/plugins/xcbglintegrations/*.so)
  local name
  for name in Core Gui Widgets PrintSupport XcbQpa DBus; do
    targets+=("$qt/lib/libQt6$name.so.6")
  done
  for target in "${targets[@]}"; do
    [ -e "$target" ] && ldd "$target" 2>/dev/null | awk '/not found/ {print $1}'
  done | sort -u
}

# libxcb-icccm.so.4 -> libxcb-icccm4 ; libxkbcommon-x11.so.0 -> libxkbcommon-x11-0 (Debian policy
# 8.1: a name ending in a digit takes a hyphen before the version). A few names break the rule.
package_for() {
  local soname="$1"
  case "$soname" in
    libglib-2.0.so.*|libgobject-2.0.so.*|libgthread-2.0.so.*) echo libglib2.0-0; return ;;
    libz.so.*) echo zlib1g; return ;;
  esac
  local stem="${soname%%.so*}" version="${soname#*.so.}"
  version="${version%%.*}"
  stem="$(echo "$stem" | tr '[:upper:]' '[:lower:]')"
  if [[ "$stem" =~ [0-9]$ ]]; then echo "$stem-$version"; else echo "$stem$version"; fi
}

sudo_cmd=""
[ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
updated=0
apt_install() {
  local wanted=() p
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || wanted+=("$p"); done
  ((${#wanted[@]})) || return 0
  if ((!updated)); then $sudo_cmd apt-get update -qq; updated=1; fi
  echo "installing: ${wanted[*]}"
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${wanted[@]}" >/dev/null
}

qt="$(qt_dir || true)"
if [ -z "$qt" ]; then
  echo "PySide6 is not installed in $python yet: installing the fixed packages only;" >&2
  echo "run this script again after 'pip install' to add Qt's own libraries." >&2
  ((check)) && exit 1
  apt_install "${always[@]}"
  exit 0
fi

if ((check)); then
  missing="$(missing_libraries "$qt")"
  if [ -n "$missing" ]; then
    echo "Qt libraries that ldd cannot find:" $missing >&2
    exit 1
  fi
  echo "ldd: every library of the Qt xcb platform plugin is present"
  exit 0
fi

apt_install "${always[@]}"
for round in 1 2 3 4; do
  missing="$(missing_libraries "$qt")"
  [ -z "$missing" ] && break
  packages=()
  for soname in $missing; do
    package="$(package_for "$soname")"
    if ! apt-cache show "$package" >/dev/null 2>&1; then
      echo "cannot tell which package holds $soname (tried $package); install it by hand" >&2
      exit 1
    fi
    packages+=("$package")
  done
  apt_install "${packages[@]}"
done
missing="$(missing_libraries "$qt")"
if [ -n "$missing" ]; then
  echo "still missing after installing: $missing" >&2
  exit 1
fi
