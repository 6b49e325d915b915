#!/usr/bin/env bash
# Debian's poppler-utils (pdftoppm, pdfinfo): PDF statements are rendered to page images by it.
set -euo pipefail
if command -v pdftoppm >/dev/null 2>&1 && command -v pdfinfo >/dev/null 2>&1; then
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends poppler-utils
command -v pdftoppm
