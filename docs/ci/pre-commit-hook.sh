#!/usr/bin/env bash
# Git pre-commit hook: rebuild the samples staged in this commit and refuse the commit when
# `renderer check` finds an accessibility problem in either edition.
#
# Install as a plain git hook:
#     ln -s ../../docs/ci/pre-commit-hook.sh .git/hooks/pre-commit
# or with the pre-commit framework (.pre-commit-config.yaml):
#     repos:
#       - repo: local
#         hooks:
#           - id: renderer-check
#             name: renderer check (accessible editions)
#             entry: docs/ci/pre-commit-hook.sh
#             language: script
#             files: ^(samples/|renderer/|themes/|fonts/)
#             pass_filenames: false
#
# Set RENDERER_CHECK_WITH=epubcheck,ace to also run the external validators (slower; they are
# found through EPUBCHECK_JAR / ACE_HOME or .validators/). Skip once with `git commit -n`.
set -euo pipefail
cd "$(git rev-parse --show-toplevel)"

renderer=${RENDERER:-.venv/bin/renderer}
[ -x "$renderer" ] || renderer=renderer
command -v "$renderer" >/dev/null 2>&1 || { echo "pre-commit: renderer not installed (make demo)" >&2; exit 1; }

# Samples touched by this commit; when the renderer itself changed, all samples.
mapfile -t inputs < <(git diff --cached --name-only --diff-filter=ACMR -- 'samples/*.txt' 'samples/*.md')
if git diff --cached --name-only | grep -qE '^(renderer|themes|fonts)/'; then
  mapfile -t inputs < <(ls samples/*.txt samples/*.md 2>/dev/null)
fi
[ ${#inputs[@]} -gt 0 ] || exit 0

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$renderer" build "${inputs[@]}" -o "$out" -q
with=()
[ -n "${RENDERER_CHECK_WITH:-}" ] && with=(--with "$RENDERER_CHECK_WITH")
if ! "$renderer" check "$out"/*.pdf "$out"/*.epub "${with[@]}" --fail-on warning; then
  echo "pre-commit: renderer check failed (codes: renderer/check/CODES.md); commit refused" >&2
  exit 1
fi
