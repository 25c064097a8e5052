#!/usr/bin/env bash
# Installs the Debian 12 packages chronik needs, if any are missing: to
# build and render (`make`, `make deps`), or with --test also what the test
# suite runs its outputs through (`make test`, `make test-deps`). As root it
# runs apt-get; otherwise it prints the command.
#
#   scripts/install-deps.sh          build: compiler, libraries, fonts
#   scripts/install-deps.sh --test   the test tools: schema checker, PDF and
#                                    DOCX readers, LibreOffice, pdf.js
#                                    (npm ci in tests/tagged), and the web's
#                                    clients: java and chromium, with vnu,
#                                    axe-core, puppeteer-core and TimelineJS
#                                    (npm ci in tests/web), and mammoth
#                                    (npm ci in tests/docx/mammoth)
set -euo pipefail

build_packages=(
  build-essential cmake pkg-config
  # doctest: the test suite is built with chronik (it runs with --test's tools)
  libpoco-dev libtinyxml2-dev doctest-dev
  # PDF: libharu, fonts found with fontconfig and measured with FreeType,
  # line breaks from libunibreak, hyphenation from libhyphen's dictionaries
  libhpdf-dev libfontconfig-dev libfreetype-dev libunibreak-dev
  libhyphen-dev hyphen-de hyphen-en-us
  # PDF streams compressed with libdeflate (faster than zlib, smaller output)
  libdeflate-dev
  # images: PNG files are checked with libpng (and zlib) before libharu sees them
  libpng-dev zlib1g-dev
  # JPEGs the PDF downsamples or converts to CMYK are decoded and encoded with libjpeg
  libjpeg62-turbo-dev
  # fonts: Charis SIL for text (see README), DejaVu Sans for missing characters
  fonts-sil-charis fonts-dejavu-core
  # PDF/A's output intent: the sRGB ICC profile (/usr/share/color/icc/sRGB.icc),
  # linked into the binary when it is built
  icc-profiles-free
  # print PDFs: managed colour with LittleCMS, and the press profile
  # FOGRA39L_coated.icc of texlive-base (the only FOGRA39 press profile in
  # Debian main, the one LaTeX's pdfx/colorprofiles use), linked in at build
  liblcms2-dev texlive-base
)

test_packages=(
  # XML Schema validation of the sample, the test cases and job files
  libxml2-utils
  # PDF: pdftotext, pdffonts, pdfinfo, pdftoppm; qpdf --check and --json
  poppler-utils qpdf
  # DOCX: unzip -t, python-docx, LibreOffice round trips
  unzip python3 python3-docx libreoffice-writer-nogui
  # DOCX: pandoc reads it back as a document (tests/docx/check_pandoc.py: headings,
  # the one-liners' table, links, emphasis, alt texts, title/author/abstract)
  pandoc
  # PDF: the standards' claims (XMP, output intent) and the structure tree and
  # marked content (tests/tagged/tagged_pdf.py) read back with pikepdf
  python3-pikepdf
  # pictures for tests/pdf/check_images.py (EXIF orientations, profiles, alpha), made and read
  # back with Pillow
  python3-pil
  # every C++ file as .clang-format says (tests/format/check_format.sh)
  clang-format
  # the print PDF's separations (gs -sDEVICE=tiffsep): body text on the black plate
  # alone, ink in the bleed; the plates read with PIL (tests/print/check_print.py)
  ghostscript python3-pil
  # HTML (tests/web): the Nu Html Checker (npm vnu-jar) runs on java; axe-core, the layout
  # facts and TimelineJS run in Debian's headless chromium (puppeteer-core drives it)
  default-jre-headless chromium
)

case "${1:-}" in
  "") packages=("${build_packages[@]}"); what="build" ;;
  --test) packages=("${test_packages[@]}"); what="test" ;;
  *) echo "usage: $0 [--test]" >&2; exit 2 ;;
esac

# pdf.js (npm pdfjs-dist, tests/tagged/package.json) reads the tagged PDF as a browser
# would: it needs node and npm. Debian's npm brings nodejs (18 in Debian 12); a node
# installed otherwise (nodesource's, with its own npm) is used as it is.
if [ "$what" = test ] && ! command -v npm >/dev/null 2>&1; then
  packages+=(npm)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -gt 0 ]; then
  cmd="apt-get install -y --no-install-recommends ${missing[*]}"
  if [ "$(id -u)" -ne 0 ]; then
    echo "chronik needs these Debian packages to $what: ${missing[*]}" >&2
    echo "Install them as root with:" >&2
    echo "  apt-get update && $cmd" >&2
    exit 1
  fi
  echo "Installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# The pinned pdfjs-dist, when tests/tagged/node_modules is missing or older than the
# lock file. --omit=optional leaves out node-canvas (rendering only; it would try to
# download a prebuilt binary).
if [ "$what" = test ]; then
  tagged="$(cd "$(dirname "$0")/.." && pwd)/tests/tagged"
  if [ ! -f "$tagged/node_modules/.package-lock.json" ] ||
     [ "$tagged/package-lock.json" -nt "$tagged/node_modules/.package-lock.json" ]; then
    echo "Installing pdfjs-dist into tests/tagged/node_modules (npm ci)"
    (cd "$tagged" && npm ci --omit=optional --no-audit --no-fund)
  fi
  # The web's clients, the same way (tests/web/package-lock.json). --ignore-scripts: vnu-jar's
  # postinstall would download a Java of its own (Debian's is used), and puppeteer-core
  # downloads no browser (Debian's chromium is used; PUPPETEER_SKIP_DOWNLOAD in case).
  web="$(cd "$(dirname "$0")/.." && pwd)/tests/web"
  if [ ! -f "$web/node_modules/.package-lock.json" ] ||
     [ "$web/package-lock.json" -nt "$web/node_modules/.package-lock.json" ]; then
    echo "Installing vnu-jar, axe-core, puppeteer-core, TimelineJS into tests/web/node_modules (npm ci)"
    (cd "$web" && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --ignore-scripts --no-audit --no-fund)
  fi
  # mammoth.js, which reads the DOCX by style name (tests/docx/mammoth/package-lock.json).
  mammoth="$(cd "$(dirname "$0")/.." && pwd)/tests/docx/mammoth"
  if [ ! -f "$mammoth/node_modules/.package-lock.json" ] ||
     [ "$mammoth/package-lock.json" -nt "$mammoth/node_modules/.package-lock.json" ]; then
    echo "Installing mammoth into tests/docx/mammoth/node_modules (npm ci)"
    (cd "$mammoth" && npm ci --ignore-scripts --no-audit --no-fund)
  fi
fi
