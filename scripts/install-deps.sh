#!/usr/bin/env bash
# Installs the Debian 12 packages chronik needs to build and test, if any
# are missing. As root it runs apt-get; otherwise it prints the command.
set -euo pipefail

packages=(
  # build
  build-essential cmake pkg-config
  libpoco-dev libtinyxml2-dev doctest-dev
  # PDF: libharu, fonts found with fontconfig and measured with FreeType,
  # line breaks from libunibreak, hyphenation from libhyphen's dictionaries
  libhpdf-dev libfontconfig-dev libfreetype-dev libunibreak-dev
  libhyphen-dev hyphen-de hyphen-en-us
  # PDF streams compressed with libdeflate (faster than zlib, smaller output)
  libdeflate-dev
  # images: PNG files are checked with libpng (and zlib) before libharu sees them
  libpng-dev zlib1g-dev
  # fonts: Charis SIL for text (see README), DejaVu Sans for missing characters
  fonts-sil-charis fonts-dejavu-core
  # tests: XML Schema validation of the sample
  libxml2-utils
  # tests: PDF (pdftotext, pdffonts, pdfinfo; qpdf --check and --json)
  poppler-utils qpdf python3
  # tests: DOCX
  unzip python3 python3-docx libreoffice-writer-nogui poppler-utils fonts-sil-charis hyphen-de
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

cmd="apt-get install -y --no-install-recommends ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
  echo "chronik needs these Debian packages: ${missing[*]}" >&2
  echo "Install them as root with:" >&2
  echo "  apt-get update && $cmd" >&2
  exit 1
fi

echo "Installing: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"
