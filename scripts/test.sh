#!/usr/bin/env bash
# `npm test`: every check, in CI order (format, types, unit + lint, build, the initial JS budget,
# e2e). Installs pnpm (corepack) and Chromium (apt-get, Debian's package) when missing. Ends with
# "N passed, N failed".
set -uo pipefail
source "$(dirname "$0")/ensurePnpm.sh" || exit 1
cd "$ROOT"
export CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"
OUT="$ROOT/.ci/out"
rm -rf "$OUT" && mkdir -p "$OUT"
FAILED_STEPS=()
T0=$EPOCHREALTIME

step() { # step NAME cmd...
  local name=$1 t0=$EPOCHREALTIME
  shift
  echo "::: $name"
  if "$@"; then
    printf 'TIMING %-12s %7.1f s\n' "$name" "$(awk "BEGIN{print $EPOCHREALTIME - $t0}")"
  else
    printf 'FAILED %-12s %7.1f s\n' "$name" "$(awk "BEGIN{print $EPOCHREALTIME - $t0}")"
    FAILED_STEPS+=("$name")
  fi
}

ensure_chromium() {
  if [ -x "$CHROMIUM_PATH" ]; then return 0; fi
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null
  else
    echo "Chromium not found at $CHROMIUM_PATH: install Debian's chromium (sudo apt-get install chromium) or set CHROMIUM_PATH" >&2
    return 1
  fi
}

# Merge conflict markers left in tracked text (prettier turns a Markdown one into "> > > > > > >").
no_conflict_markers() {
  ! git grep -nE '^(<<<<<<<|>>>>>>>)( |$)|^(> ){7}' -- ':!pnpm-lock.yaml' 2>/dev/null
}

install() { if [ -n "${CI:-}" ]; then pnpm install --frozen-lockfile; else pnpm install --prefer-offline; fi; }
unit() { pnpm exec vitest run --reporter=default --reporter=json --outputFile="$OUT/vitest.json"; }
e2e() { (cd e2e && PLAYWRIGHT_JSON_OUTPUT_NAME="$OUT/playwright.json" pnpm exec playwright test --reporter=list,json); }

step install install || true
if [ ${#FAILED_STEPS[@]} -eq 0 ]; then
  step chromium ensure_chromium
  step format pnpm format:check
  step markers no_conflict_markers
  step typecheck pnpm typecheck
  step unit unit
  step build pnpm build
  if [[ " ${FAILED_STEPS[*]} " != *" build "* ]]; then step budget node scripts/initialJs.mjs; fi
  if [[ " ${FAILED_STEPS[*]} " != *" build "* && " ${FAILED_STEPS[*]} " != *" chromium "* ]]; then step e2e e2e; fi
fi
printf 'TIMING %-12s %7.1f s\n' total "$(awk "BEGIN{print $EPOCHREALTIME - $T0}")"
FAILED_STEPS_JSON="$(printf '%s\n' "${FAILED_STEPS[@]+"${FAILED_STEPS[@]}"}")" node -e '
const fs = require("fs");
const read = (f) => { try { return JSON.parse(fs.readFileSync(f, "utf8")); } catch { return null; } };
const v = read(process.argv[1]), p = read(process.argv[2]);
let passed = 0, failed = 0;
if (v) { passed += v.numPassedTests; failed += v.numFailedTests; }
if (p) { passed += p.stats.expected + p.stats.flaky; failed += p.stats.unexpected; }
const steps = (process.env.FAILED_STEPS_JSON || "").split("\n").filter(Boolean);
// A step that failed without a test report (install, format, typecheck, build) counts as one failure.
for (const s of steps) if (!(s === "unit" && v && v.numFailedTests) && !(s === "e2e" && p && p.stats.unexpected)) failed++;
if (steps.length) console.log("failed steps: " + steps.join(", "));
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);' "$OUT/vitest.json" "$OUT/playwright.json"
