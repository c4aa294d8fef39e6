#!/bin/sh
# The demo behind `make demo`: cjmap on the examples, saying what it does and where
# the outputs are. Each step is a real command a user could type.
set -u
BIN="$1"
CJMAP="$BIN/cjmap"
OUT="build/demo"
mkdir -p "$OUT"
step() { printf '\n\033[1m==> %s\033[0m\n$ %s\n' "$1" "$2"; }

step "Lint every example map and library (exit 0: they are clean)" "cjmap lint examples/*.cjmap.yaml examples/library examples/web-shop"
"$CJMAP" lint examples/*.cjmap.yaml examples/library examples/web-shop || exit 1

step "Lint the deliberately broken maps (findings expected)" "cjmap lint --format concise examples/broken/*.yaml"
"$CJMAP" lint --format concise examples/broken/*.yaml
echo "(exit code $? — 1 means the maps have problems, as intended)"

step "Write the JSON Schema for editor autocompletion" "cjmap schema -o $OUT/cjmap.schema.json"
"$CJMAP" schema -o "$OUT/cjmap.schema.json" && echo "wrote $OUT/cjmap.schema.json"

step "Start a new map from a template (the schema line points at the schema just written)" "cjmap init $OUT/checkout.cjmap.yaml --template retail-checkout --force && cjmap lint $OUT/checkout.cjmap.yaml"
"$CJMAP" init "$OUT/checkout.cjmap.yaml" --template retail-checkout --force || exit 1
head -1 "$OUT/checkout.cjmap.yaml"
"$CJMAP" lint --fail-on warning "$OUT/checkout.cjmap.yaml" || exit 1

step "Hand a map to analysts as a spreadsheet (one sheet per kind, drop-downs for choices)" "cjmap export examples/online-clothing.cjmap.yaml --to xlsx -o $OUT/online-clothing.xlsx"
"$CJMAP" export examples/online-clothing.cjmap.yaml --to xlsx -o "$OUT/online-clothing.xlsx" --force || exit 1
echo "wrote $OUT/online-clothing.xlsx (cjmap import $OUT/online-clothing.xlsx reads it back)"

step "Rank what to fix first across the examples" "cjmap score examples/*.cjmap.yaml --top 5"
"$CJMAP" score examples/*.cjmap.yaml --top 5 || exit 1

step "The scorecard as markdown (for a pull request or wiki)" "cjmap score examples/*.cjmap.yaml --format markdown -o $OUT/score.md"
"$CJMAP" score examples/*.cjmap.yaml --format markdown -o "$OUT/score.md" || exit 1

step "Gate on coverage: every map must cover all its pain (one does not)" "cjmap score examples/*.cjmap.yaml --min-coverage 1.0 --format csv -o $OUT/score.csv"
"$CJMAP" score examples/*.cjmap.yaml --min-coverage 1.0 --format csv -o "$OUT/score.csv"
echo "(exit code $? — 1 means a map is below the minimum coverage, as intended)"

step "What changed in the customer's experience since last quarter (matched by id)" "cjmap diff examples/diff/online-clothing.before.cjmap.yaml examples/diff/online-clothing.after.cjmap.yaml"
"$CJMAP" diff examples/diff/online-clothing.before.cjmap.yaml examples/diff/online-clothing.after.cjmap.yaml || exit 1

step "The same diff as a pull-request comment" "cjmap diff --format markdown -o $OUT/diff.md examples/diff/online-clothing.before.cjmap.yaml examples/diff/online-clothing.after.cjmap.yaml"
"$CJMAP" diff --format markdown -o "$OUT/diff.md" examples/diff/online-clothing.before.cjmap.yaml examples/diff/online-clothing.after.cjmap.yaml || exit 1
echo "wrote $OUT/diff.md"

step "Draw every example as a journey-map picture (SVG and PNG)" "cjmap render examples --out-dir $OUT/render --format svg   (then --format png)"
"$CJMAP" render examples --out-dir "$OUT/render" --format svg || exit 1
"$CJMAP" render examples --out-dir "$OUT/render" --format png || exit 1
echo "pictures are in $OUT/render/ (open the .svg files in a browser: hover a card for details)"

step "One persona's journey, print-friendly" "cjmap render examples/online-clothing.cjmap.yaml --persona busy-parent --theme print -o $OUT/render/online-clothing.busy-parent.pdf"
"$CJMAP" render examples/online-clothing.cjmap.yaml --persona busy-parent --theme print -o "$OUT/render/online-clothing.busy-parent.pdf" || exit 1

step "CI reports in one run: SARIF (code scanning), JUnit (GitLab), GitHub annotations" "cjmap lint --format sarif --output $OUT/lint.sarif --format junit --output $OUT/lint.junit.xml --format github examples/broken/cj2*.yaml"
"$CJMAP" lint --format sarif --output "$OUT/lint.sarif" --format junit --output "$OUT/lint.junit.xml" --format github examples/broken/cj2*.yaml
echo "(exit code $? — wrote $OUT/lint.sarif and $OUT/lint.junit.xml; docs/ci.md has the CI setups)"

step "Adopt lint gradually: freeze today's findings in a baseline, then report only new ones" "cjmap lint --write-baseline $OUT/lint-baseline.json examples/broken/cj2*.yaml && cjmap lint --baseline $OUT/lint-baseline.json examples/broken/cj2*.yaml"
"$CJMAP" lint --write-baseline "$OUT/lint-baseline.json" examples/broken/cj2*.yaml || exit 1
"$CJMAP" lint --baseline "$OUT/lint-baseline.json" examples/broken/cj2*.yaml || exit 1

step "Share a journey as a Mermaid diagram (GitHub and GitLab draw it in Markdown)" "cjmap export examples/hotel-stay.cjmap.yaml --to mermaid --persona family -o $OUT/hotel-stay.family.mmd"
"$CJMAP" export examples/hotel-stay.cjmap.yaml --to mermaid --persona family -o "$OUT/hotel-stay.family.mmd" --force || exit 1
cat "$OUT/hotel-stay.family.mmd"

step "Share a map: one self-contained interactive HTML page per example (no network needed)" "cjmap render examples --out-dir $OUT/html --format html"
"$CJMAP" render examples --out-dir "$OUT/html" --format html || exit 1
for page in "$OUT"/html/*.html; do
  printf '  %s  %s KB\n' "$page" "$(( $(wc -c < "$page") / 1024 ))"
done
echo "open one in a browser, or mail it: it works offline; \`cjmap preview MAP\` follows your saves live"

step "Where it hurts across all the journeys: the pain rolled up by persona" "cjmap score examples/*.cjmap.yaml --by persona"
"$CJMAP" score examples/*.cjmap.yaml --by persona || exit 1

step "One business, three journeys, one library: each persona across returns, support and buying" "cjmap score examples/web-shop --by persona"
"$CJMAP" score examples/web-shop --by persona || exit 1

step "A static site of every example: portfolio heat-map, a page per map, persona and channel" "cjmap site examples/*.cjmap.yaml examples/web-shop -o $OUT/site"
# Not `cjmap site examples`: that would also take in examples/diff's before and after maps.
"$CJMAP" site examples/*.cjmap.yaml examples/web-shop -o "$OUT/site" || exit 1
echo "open $OUT/site/index.html (or publish the directory: docs/portfolio.md)"

# -- more steps are added here as commands land --

printf '\nDone. Outputs are in %s/\n' "$OUT"
