#!/usr/bin/env bash
# The programs the tests use beyond Python packages, from Debian's packages: Chromium (the audit
# report is tested in a real headless browser) and Tesseract with Malay and English (OCR of
# scanned reports). Installs only what is missing; uses sudo when not root.
set -euo pipefail
missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v tesseract >/dev/null || missing+=(tesseract-ocr)
tesseract --list-langs 2>/dev/null | grep -qx msa || missing+=(tesseract-ocr-msa)
[ ${#missing[@]} -eq 0 ] && exit 0
sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "installing ${missing[*]}" >&2
$sudo apt-get update -qq >/dev/null
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
