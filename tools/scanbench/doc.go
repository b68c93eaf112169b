// Package scanbench measures the barcode decoder against the real images
// of the shared corpus (../shared/corpus/barcodes) and against a peer,
// ZXing-C++'s ZXingReader, run on the same images with the same formats in
// the same run.
//
// For each image it records what each engine read, whether that was the
// text the corpus expects, and how long it took; it prints, per format:
// images, decoded, correct, misread, and median and 95th-percentile time
// per image, both engines side by side with their ratio. Misreads and false
// positives on the negative images are listed one by one, since the target
// for both is zero.
//
// ZXingReader is a separate program, so each call pays process start-up,
// which would swamp its decode time. Its per-image time is therefore the
// call's time less that of the same call on a tiny blank image, made just
// before each call on the image so both meet the same load; a single run
// over every image it can open is timed as well, and its mean per image
// printed as a cross-check.
//
// Both engines' CPU time is recorded beside wall time (ours from the
// process's own usage, ZXingReader's from its exit status): on a shared
// machine other processes add waiting to wall time, not CPU time, so the
// CPU ratio is the steadier figure.
package scanbench
