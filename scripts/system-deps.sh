#!/usr/bin/env bash
# Installs the few Debian packages eCabinet needs at run and test time, when they are missing.
#   libportaudio2  sounddevice (microphone capture)
#   espeak-ng      speaks the speech-recognition evaluation sentences in the tests
#   mupdf-tools    `mutool draw`, the reference renderer of the viewer benchmark
#   sox            audio measurement in the tests and benchmarks
#   libegl1 libxkbcommon0 libfontconfig1 libdbus-1-3  Qt's offscreen/xcb platform plugins
#   fonts-dejavu-core  a font with Vietnamese glyphs
# With --desktop (make run) also what Qt's xcb plugin needs to open windows on an X11 desktop.
set -euo pipefail
pkgs=(libportaudio2 espeak-ng mupdf-tools sox libegl1 libxkbcommon0 libfontconfig1 libdbus-1-3 fonts-dejavu-core)
if [ "${1:-}" = "--desktop" ]; then
  pkgs+=(libxcb-cursor0 libxkbcommon-x11-0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0
         libxcb-randr0 libxcb-render-util0 libxcb-image0 libgl1)
fi
need=()
for pkg in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || need+=("$pkg")
done
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO=sudo; else
    echo "eCabinet needs these Debian packages: ${need[*]} (run as root: apt-get install ${need[*]})" >&2
    exit 1
  fi
else SUDO=""; fi
echo "Installing Debian packages: ${need[*]}" >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
