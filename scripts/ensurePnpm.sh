# Sourced by start.sh and test.sh: puts the hash-pinned pnpm of package.json on PATH through
# corepack (bundled with Node), without root and without a global install.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export COREPACK_ENABLE_DOWNLOAD_PROMPT=0
node -e 'const [a,b]=process.versions.node.split(".").map(Number); if (a<20||(a===20&&b<19)||a===21||(a===22&&b<12)) { console.error("Node "+process.version+" is too old: Vite 8 needs ^20.19 or >=22.12"); process.exit(1) }'
if ! pnpm --version >/dev/null 2>&1; then
  mkdir -p "$ROOT/.corepack-bin"
  corepack enable --install-directory "$ROOT/.corepack-bin" pnpm
  export PATH="$ROOT/.corepack-bin:$PATH"
fi
pnpm --version >/dev/null
