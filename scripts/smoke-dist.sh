#!/usr/bin/env bash
# Smoke test of the bundle that `make dist` built: runs dist/kiosk/kiosk as a clinic would get it,
# with no display (offscreen), no installed packs and no settings, and fails loudly on anything.
#
#   bash scripts/smoke-dist.sh [DIST_DIR]      (default: dist/kiosk)
set -euo pipefail
cd "$(dirname "$0")/.."

dist=${1:-dist/kiosk}
kiosk="$dist/kiosk"
internal="$dist/_internal"
python=.venv/bin/python

fail() {
    echo "smoke-dist: FAILED: $*" >&2
    exit 1
}
step() {
    echo "smoke-dist: $*"
}

[ -x "$kiosk" ] || fail "$kiosk is not there: run 'make dist' first"
for tool in pdfinfo pdffonts ldd; do
    command -v "$tool" >/dev/null || fail "$tool is needed (Debian: poppler-utils, libc-bin)"
done

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
trap 'echo "smoke-dist: FAILED at line $LINENO: $BASH_COMMAND" >&2' ERR
# Nothing from this machine's own kiosk: an empty data folder (so the bundled pack is the one
# shown), settings and logs in the scratch folder.
export QT_QPA_PLATFORM=offscreen
export KIOSK_DATA_DIR="$scratch/data"
run_options=(--config "$scratch/settings.toml" --log-dir "$scratch/log")

step "the platform and image plugins find every library they need"
# As the bundle runs them: its own libraries first (the executable sets LD_LIBRARY_PATH so).
missing=0
while IFS= read -r -d '' plugin; do
    while read -r library; do
        echo "  ${plugin#"$internal"/}: $library not found" >&2
        missing=1
    done < <(LD_LIBRARY_PATH="$internal" ldd "$plugin" | awk '/not found/ {print $1}' | sort -u)
done < <(find "$internal/PySide6/Qt/plugins" -name '*.so' -print0)
[ "$missing" = 0 ] || fail "a bundled Qt plugin needs a library that is neither in the bundle nor" \
    "on this machine; install it (Debian: BUNDLE_LIBS in .ci/run) and run 'make dist' again"

step "$kiosk --version"
version=$("$kiosk" --version)
[[ $version == "kiosk "* ]] || fail "--version printed '$version'"

step "kiosk validate: the bundled pack, given and by default"
[ -f "$internal/content/pack.yaml" ] || fail "no content pack at $internal/content"
"$kiosk" validate "$internal/content" | tee "$scratch/validate.txt"
grep -q '^ok: [1-9][0-9]* articles$' "$scratch/validate.txt" || fail "validate did not say ok"
"$kiosk" validate 2>"$scratch/default.txt" >/dev/null || fail "validate of the default pack failed"
grep -qF "checking $(cd "$internal" && pwd -P)/content" "$scratch/default.txt" \
    || fail "the default pack is not the bundled one: $(cat "$scratch/default.txt")"

step "the kiosk's own words in Spanish are bundled"
[ -s "$internal/assets/i18n/kiosk_es.qm" ] || fail "no assets/i18n/kiosk_es.qm in the bundle"
"$kiosk" snapshot --screen home --lang es --size 1280x800 --out "$scratch/home-es.png" >/dev/null

step "kiosk snapshot --screen home"
"$kiosk" snapshot --screen home --size 1280x800 --out "$scratch/home.png" >/dev/null
# Not blank: many colours, where a blank or one-colour screen has one or two.
colours=$("$python" - "$scratch/home.png" <<'EOF'
import sys
from PySide6.QtGui import QImage
image = QImage(sys.argv[1])
if image.isNull() or image.width() != 1280 or image.height() != 800:
    sys.exit(f"not a 1280x800 image: {image.width()}x{image.height()}")
print(len({image.pixel(x, y) for x in range(0, 1280, 4) for y in range(0, 800, 4)}))
EOF
)
[ "$colours" -ge 50 ] || fail "the home screen looks blank: $colours colours"
echo "  1280x800, $colours colours"

step "kiosk handout (the featured article) to PDF"
featured=$("$python" -c 'import sys, yaml; print(yaml.safe_load(open(sys.argv[1]))["home"]["featured"])' \
    "$internal/content/pack.yaml")
"$kiosk" handout "$featured" --out "$scratch/handout.pdf" >/dev/null
pages=$(pdfinfo "$scratch/handout.pdf" | awk '/^Pages:/ {print $2}')
[ "$pages" = 1 ] || fail "the handout of $featured has ${pages:-no} pages, not 1"
pdffonts "$scratch/handout.pdf" 2>/dev/null | grep -q AtkinsonHyperlegible \
    || fail "the handout does not use the bundled typeface"
echo "  $featured: 1 page"

step "kiosk pack keygen, pack build --sign, import: a signed pack installs (cryptography)"
"$kiosk" pack keygen --out "$scratch/clinic" >/dev/null
"$kiosk" pack build "$internal/content" --out "$scratch/signed.kioskpack" --sign "$scratch/clinic.key" \
    >/dev/null
printf '[content]\ntrusted_keys = ["%s"]\n' "$(tr -d '\n' <"$scratch/clinic.pub")" >"$scratch/trust.toml"
"$kiosk" import "$scratch/signed.kioskpack" --yes --config "$scratch/trust.toml" \
    --data-dir "$scratch/imported" >"$scratch/import.txt" 2>&1 \
    || { cat "$scratch/import.txt" >&2; fail "the signed pack was not installed"; }
grep -q '^Installed .*: it is the active content pack now\.$' "$scratch/import.txt" \
    || { cat "$scratch/import.txt" >&2; fail "import did not say the pack is installed"; }
echo "  installed, signature checked"

step "for authors: kiosk new, article from-web (trafilatura, Pillow), validate (textstat), preview (watchfiles)"
"$kiosk" new "$scratch/authored" >/dev/null
mkdir -p "$scratch/saved/page_files"
"$python" - "$scratch/saved/page_files/photo.jpg" <<'EOF'
import sys
from PIL import Image
Image.new("RGB", (1200, 800), (31, 111, 139)).save(sys.argv[1])
EOF
cat >"$scratch/saved/page.html" <<'EOF'
<!DOCTYPE html>
<!-- saved from url=(0038)https://clinic.example/blog/sleep-well/ -->
<html><head><title>Sleep well | Clinic</title>
<meta name="description" content="Good sleep helps your mood. Here is how to get more of it."></head>
<body><nav><a href="/">Home</a> <a href="/about/">About us</a></nav>
<article><h1>Sleep well</h1><div class="entry-content">
<p><img src="page_files/photo.jpg" alt="A quiet bedroom"></p>
<p>Sleep helps your body and your mood. Most adults need seven or more hours each night.
According to the Centers for Disease Control and Prevention, 1 in 3 adults do not get enough sleep.</p>
<h2>Tips</h2><ul><li>Go to bed at the same time each night.</li><li>Keep your room dark and cool.</li>
<li>Put your phone away an hour before bed.</li></ul>
<p>If you still cannot sleep after a few weeks, talk with your doctor. Poor sleep can be a sign of
depression or anxiety, and help is here for you.</p></div></article>
<footer>Clinic, Main Street</footer></body></html>
EOF
"$kiosk" article from-web "$scratch/saved/page.html" --pack "$scratch/authored" >"$scratch/from-web.txt" \
    || { cat "$scratch/from-web.txt" >&2; fail "article from-web failed"; }
grep -q '^Wrote the draft .*/articles/sleep-well.md$' "$scratch/from-web.txt" || fail "no draft written"
[ -s "$scratch/authored/media/sleep-well-photo.jpg" ] || fail "the page's picture was not copied"
"$kiosk" validate "$scratch/authored" >"$scratch/authored.txt" 2>&1 \
    || { cat "$scratch/authored.txt" >&2; fail "the draft does not validate"; }
grep -q 'articles/sleep-well.md .*grade' "$scratch/authored.txt" || fail "validate showed no reading level"
"$kiosk" preview "$scratch/authored" --quit-after-paint >"$scratch/preview.txt" 2>&1 \
    || { cat "$scratch/preview.txt" >&2; fail "kiosk preview failed"; }
grep -q '^previewed 2 articles' "$scratch/preview.txt" || { cat "$scratch/preview.txt" >&2; fail "preview"; }
echo "  a new pack, a draft from a saved page, its reading level, the preview"

step "kiosk inbox check: the signed pack from an office inbox; kiosk usage report (SQLite, PDF)"
mkdir -p "$scratch/inbox" "$scratch/office"
cp "$scratch/signed.kioskpack" "$scratch/inbox/"
touch -d '-2 minutes' "$scratch/inbox/signed.kioskpack"  # as a sync tool leaves a finished file
"$kiosk" inbox check --inbox "$scratch/inbox" --config "$scratch/trust.toml" \
    --data-dir "$scratch/office" >"$scratch/inbox.txt" 2>&1 \
    || { cat "$scratch/inbox.txt" >&2; fail "the pack in the inbox was not installed"; }
grep -q '^Installed .* from signed.kioskpack in the inbox\.$' "$scratch/inbox.txt" \
    || { cat "$scratch/inbox.txt" >&2; fail "inbox check did not say the pack is installed"; }
python3 -c 'import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("CREATE TABLE counts (hour TEXT, pack_id TEXT, article TEXT, measure TEXT, count INTEGER)")
db.execute("CREATE TABLE current (hour TEXT, pack_id TEXT, article TEXT, measure TEXT, count INTEGER)")
db.execute("INSERT INTO current VALUES (strftime(\"%Y-%m-%dT%H:00\", \"now\", \"localtime\"), \"p\", \"\", \"visit\", 7)")
db.commit()' "$scratch/office/usage.sqlite"
"$kiosk" usage show --data-dir "$scratch/office" --config "$scratch/trust.toml" >"$scratch/usage.txt" \
    || fail "kiosk usage show failed"
grep -q 'visit *7$' "$scratch/usage.txt" || { cat "$scratch/usage.txt" >&2; fail "usage show did not count"; }
"$kiosk" usage report --out "$scratch/usage.pdf" --data-dir "$scratch/office" \
    --config "$scratch/trust.toml" >/dev/null || fail "kiosk usage report failed"
pdftotext "$scratch/usage.pdf" - | grep -q "7 visits" || fail "the usage report does not show the visits"
echo "  installed from the inbox; usage counted and reported"

step "kiosk run: start-up to the home screen painted (1920x1080, windowed)"
for _ in 1 2 3; do
    seconds=$("$kiosk" run --windowed --size 1920x1080 --quit-after-paint "${run_options[@]}" \
        2>>"$scratch/run.txt") || { cat "$scratch/run.txt" >&2; fail "kiosk run failed"; }
    [[ $seconds =~ ^[0-9]+\.[0-9]+$ ]] || fail "kiosk run printed '$seconds', not seconds"
    echo "  ${seconds} s"
done

echo "smoke-dist: passed ($(du -sh "$dist" | cut -f1) in $dist)"
