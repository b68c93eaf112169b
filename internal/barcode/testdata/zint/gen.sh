#!/bin/sh
# Generates the GS1 DataMatrix pack codes in this folder with zint and
# ImageMagick: several module sizes, rotations, blur and noise. MANIFEST.tsv
# lists each file with the element string it encodes (\x1d = GS).
# Run from this folder: sh gen.sh
set -eu
rm -f *.png MANIFEST.tsv
printf 'file\telement_string\n' > MANIFEST.tsv
i=0
# Each line: zint input, then the element string a decoder must return.
while IFS='|' read -r data es; do
  for scale in 2 4 8; do
    for variant in plain rot30 rot90 rot187 blur noise; do
      i=$((i+1))
      # Keep the set modest: every code at scale 4, others thinned.
      case "$scale-$variant" in 2-rot30|2-rot187|2-noise|8-blur|8-noise|8-rot90|8-rot187) continue;; esac
      f=$(printf 'pack%02d-s%d-%s.png' "$i" "$scale" "$variant")
      zint --barcode=71 --gs1 --scale=$scale --quietzones -d "$data" -o "tmp.png" >/dev/null
      case $variant in
        plain) cp tmp.png "$f" ;;
        rot30) convert tmp.png -background white -rotate 30 -colorspace Gray -depth 8 "$f" ;;
        rot90) convert tmp.png -rotate 90 "$f" ;;
        rot187) convert tmp.png -background white -rotate 187 -colorspace Gray -depth 8 "$f" ;;
        blur) convert tmp.png -bordercolor white -border 20 -blur 0x$((scale/2)).6 -colorspace Gray -depth 8 "$f" ;;
        noise) convert tmp.png -bordercolor white -border 20 -attenuate 0.6 +noise Gaussian -colorspace Gray -depth 8 "$f" ;;
      esac
      printf '%s\t%s\n' "$f" "$es" >> MANIFEST.tsv
    done
  done
done <<'CODES'
[01]05012345678900[17]270131[10]AB12C[21]SER123456|01050123456789001727013110AB12C\x1d21SER123456
[01]05099999999995[17]261200[10]L0T-9/X[21]ABCDEFGHIJ0123456789|01050999999999951726120010L0T-9/X\x1d21ABCDEFGHIJ0123456789
[01]09506000134352[17]281015[10]4512XA[21]7Q9Z|010950600013435217281015104512XA\x1d217Q9Z
[01]00312345678906[21]S1ND6MPPFCGG6B869XES[17]310630[10]BNav4Cam2|010031234567890621S1ND6MPPFCGG6B869XES\x1d1731063010BNav4Cam2
[01]05000456012348[17]270700[10]A1|01050004560123481727070010A1
CODES
rm -f tmp.png
