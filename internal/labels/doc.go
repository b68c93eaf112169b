// Package labels draws the barcodes a care home prints for itself: a
// resident's ID card and a member of staff's badge, each a PNG the size of a
// CR80 card (85.6 x 54 mm) at 300 dpi.
//
// Each card carries the same code twice, as a DataMatrix (read by a tablet
// camera at any angle) and as a Code 128 (read by the common keyboard-wedge
// laser scanner), with the code's text printed under the bars so it can be
// typed when neither scans. The content is chosen so that
// internal/barcode's Parse reads it back as what it is:
//   - a resident: the home's own resident number when the resident has one
//     matching the home's pattern, otherwise the NHS number;
//   - staff: StaffPrefix followed by the user's ID.
//
// Files are named from IDs, never from names: a directory listing of cards
// must not be a list of residents.
package labels
