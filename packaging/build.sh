#!/usr/bin/env bash
# Build the one-folder Linux bundle into dist/medguide and check it with --self-test.
# Usage: bash packaging/build.sh            (uses ./.venv, creating it if needed)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .venv/bin/python ]; then
  python3.11 -m venv .venv
fi
.venv/bin/pip install -q -e . "pyinstaller>=6.5"
rm -rf build/pyinstaller dist/medguide
.venv/bin/pyinstaller --noconfirm --clean --log-level WARN \
  --workpath build/pyinstaller --distpath dist packaging/medguide.spec
# Desktop integration files travel inside the bundle (share/ layout for installers).
mkdir -p dist/medguide/share/applications dist/medguide/share/metainfo \
  dist/medguide/share/icons/hicolor/scalable/apps
cp packaging/linux/org.medguide.MedGuide.desktop dist/medguide/share/applications/
cp packaging/linux/org.medguide.MedGuide.metainfo.xml dist/medguide/share/metainfo/
cp packaging/linux/org.medguide.MedGuide.svg dist/medguide/share/icons/hicolor/scalable/apps/
echo "bundle: dist/medguide ($(du -sh dist/medguide | cut -f1))"
QT_QPA_PLATFORM=offscreen dist/medguide/medguide --self-test
