#!/usr/bin/env bash
# Issue 3's benchmark: our evidence sanitizer (ImageSharp 2.1.13) against libvips and ImageMagick on one generated
# corpus, in one run. Prints images per second, peak memory and our ratio to libvips per kind of image.
#
#   tests/perf/image-pipeline.sh [SCREENSHOTS LONG PHOTOS]
#
# Defaults 20 1080×2400 PNG screenshots, 5 1080×20000 PNG long screenshots, 10 4000×3000 JPEG photos: about two
# minutes of run on the project's 2-core machine, plus a minute the first time to generate the corpus (kept in
# artifacts/perf/corpus) and the Release build. What each tool is asked to do: docs/performance.md.
# Installs libvips-tools, imagemagick and time when missing (apt-get; needs root then).
set -euo pipefail
cd "$(dirname "$0")/../.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

missing=()
command -v vips >/dev/null && command -v vipsthumbnail >/dev/null || missing+=(libvips-tools)
# /usr/bin/convert, not the first convert on PATH: a machine may carry a stand-in in /usr/local/bin.
/usr/bin/convert -version 2>/dev/null | grep -q ImageMagick || missing+=(imagemagick)
[ -x /usr/bin/time ] || missing+=(time)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "image-pipeline.sh: install ${missing[*]} first (apt-get install -y ${missing[*]}), or run as root" >&2
    exit 1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

dotnet build tests/MerchantDisputes.Benchmarks/MerchantDisputes.Benchmarks.csproj -c Release -v q -nologo

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; load average at start:$(uptime | sed 's/.*load average://')"
echo "libvips: $(vips --version); ImageMagick: $(/usr/bin/convert -version | head -1 | cut -d' ' -f2-3); .NET $(dotnet --version)"
start=$SECONDS
dotnet tests/MerchantDisputes.Benchmarks/bin/Release/net10.0/MerchantDisputes.Benchmarks.dll \
  images artifacts/perf/corpus artifacts/perf/images "${1:-20}" "${2:-5}" "${3:-10}"
echo "run took $((SECONDS - start)) s; load average at end:$(uptime | sed 's/.*load average://')"
