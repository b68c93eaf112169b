#!/bin/sh
# Generates camera-like frames with a GS1 DataMatrix pack code hidden in
# them: a plasma-fractal background (no third-party picture), the code at
# several module sizes, positions and small tilts, softened and saved as
# JPEG as a webcam's MJPEG stream would. MANIFEST.tsv lists each file with
# the element string it encodes (\x1d = GS). Needs zint and ImageMagick 6.
# Run from this folder: sh gen.sh
set -eu
rm -f *.jpg MANIFEST.tsv
printf 'file\telement_string\n' > MANIFEST.tsv
i=0
# Each line: frame size, module pixels, tilt, offset from the centre, then the code.
while IFS='|' read -r size scale tilt x y data es; do
  i=$((i+1))
  f=$(printf 'frame%02d-%s-s%s-t%s.jpg' "$i" "$size" "$scale" "$tilt")
  zint --barcode=71 --gs1 --square --scale="$scale" --quietzones -d "$data" -o code.png >/dev/null
  convert code.png -bordercolor white -border $((scale*3)) -background white -rotate "$tilt" -colorspace Gray code.png
  convert -seed "$i" -size "$size" plasma:fractal -colorspace Gray -blur 0x2 bg.png
  convert bg.png code.png -gravity center -geometry "$x$y" -composite -blur 0x0.5 \
    -attenuate 0.15 +noise Gaussian -colorspace Gray -quality 70 "$f"
  printf '%s\t%s\n' "$f" "$es" >> MANIFEST.tsv
done <<'FRAMES'
640x480|5|0|+0|+0|[01]05012345678900[17]270131[10]AB12C[21]SER123456|01050123456789001727013110AB12C\x1d21SER123456
640x480|3|5|-67|+50|[01]05099999999995[17]261200[10]L0T-9/X[21]ABCDEFGHIJ0123456789|01050999999999951726120010L0T-9/X\x1d21ABCDEFGHIJ0123456789
640x480|6|-8|+50|-40|[01]09506000134352[17]281015[10]4512XA[21]7Q9Z|010950600013435217281015104512XA\x1d217Q9Z
640x480|8|12|-20|-7|[01]00312345678906[21]S1ND6MPPFCGG6B869XES[17]310630[10]BNav4Cam2|010031234567890621S1ND6MPPFCGG6B869XES\x1d1731063010BNav4Cam2
640x480|5|90|+60|+33|[01]05000456012348[17]270700[10]A1|01050004560123481727070010A1
1280x720|8|0|+0|+0|[01]05012345678900[17]270131[10]AB12C[21]SER123456|01050123456789001727013110AB12C\x1d21SER123456
1280x720|6|-4|-134|+66|[01]09506000134352[17]281015[10]4512XA[21]7Q9Z|010950600013435217281015104512XA\x1d217Q9Z
1280x720|12|20|+83|-50|[01]05099999999995[17]261200[10]L0T-9/X[21]ABCDEFGHIJ0123456789|01050999999999951726120010L0T-9/X\x1d21ABCDEFGHIJ0123456789
1280x720|9|180|+116|+60|[01]05000456012348[17]270700[10]A1|01050004560123481727070010A1
1920x1080|14|3|+0|+0|[01]00312345678906[21]S1ND6MPPFCGG6B869XES[17]310630[10]BNav4Cam2|010031234567890621S1ND6MPPFCGG6B869XES\x1d1731063010BNav4Cam2
1920x1080|16|-10|-167|-67|[01]05012345678900[17]270131[10]AB12C[21]SER123456|01050123456789001727013110AB12C\x1d21SER123456
1920x1080|10|0|+200|+100|[01]05000456012348[17]270700[10]A1|01050004560123481727070010A1
FRAMES
rm -f code.png bg.png
