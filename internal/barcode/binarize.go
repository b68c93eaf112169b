package barcode

import (
	"encoding/binary"
	"sync"

	"github.com/makiuchi-d/gozxing"
)

// hybrid is gozxing's HybridBinarizer computed with flat arrays and whole
// machine words instead of a call per pixel: the black matrix it makes is
// bit for bit the same (TestHybridMatchesGozxing), at about a third of
// the cost, and the binarizer is most of what a DataMatrix read costs.
// Rows, and the matrix of images too small for blocks, come from the
// global histogram binarizer it embeds, as in gozxing.
type hybrid struct {
	gozxing.Binarizer // *gozxing.GlobalHistogramBinarizer
	src               gozxing.LuminanceSource
	m                 *gozxing.BitMatrix
}

var _ gozxing.Binarizer = (*hybrid)(nil)

func newHybrid(src gozxing.LuminanceSource) gozxing.Binarizer {
	return &hybrid{Binarizer: gozxing.NewGlobalHistgramBinarizer(src), src: src}
}

// CreateBinarizer makes one for a turned copy of the image.
func (h *hybrid) CreateBinarizer(src gozxing.LuminanceSource) gozxing.Binarizer {
	return newHybrid(src)
}

// GetBlackMatrix thresholds each 8x8 block of the image at the mean of the
// black points of the 5x5 blocks around it, and keeps the result.
func (h *hybrid) GetBlackMatrix() (*gozxing.BitMatrix, error) {
	if h.m != nil {
		return h.m, nil
	}
	w, ht := h.src.GetWidth(), h.src.GetHeight()
	if w < gozxing.MINIMUM_DIMENSION || ht < gozxing.MINIMUM_DIMENSION {
		m, err := h.Binarizer.GetBlackMatrix()
		if err != nil {
			return nil, err
		}
		h.m = m
		return m, nil
	}
	h.m = hybridMatrix(h.src.GetMatrix(), w, ht)
	return h.m, nil
}

const (
	blockSize    = gozxing.BLOCK_SIZE // 8: a block is one byte of a row's bits
	blockPower   = gozxing.BLOCK_SIZE_POWER
	dynamicRange = gozxing.MIN_DYNAMIC_RANGE
)

// hybridMatrix binarizes a w×h image (w, h at least 40) as gozxing's
// HybridBinarizer does. Where the image is not a whole number of blocks,
// the last block overlaps the one before and a pixel either calls black is
// black, as there.
func hybridMatrix(lum []byte, w, h int) *gozxing.BitMatrix {
	subW, subH := (w+blockSize-1)>>blockPower, (h+blockSize-1)>>blockPower
	buf := scratch.Get().(*binScratch)
	defer scratch.Put(buf)
	points := blackPoints(buf, lum, w, h, subW, subH)
	words := (w + 31) / 32
	bits := grow(&buf.bits, words*h)
	clear(bits)
	maxX, maxY := w-blockSize, h-blockSize
	for by := 0; by < subH; by++ {
		yoff := min(by<<blockPower, maxY)
		top := min(max(by, 2), subH-3)
		for bx := 0; bx < subW; bx++ {
			xoff := min(bx<<blockPower, maxX)
			left := min(max(bx, 2), subW-3)
			sum := 0
			for z := top - 2; z <= top+2; z++ {
				p := points[z*subW+left-2 : z*subW+left+3]
				sum += int(p[0]) + int(p[1]) + int(p[2]) + int(p[3]) + int(p[4])
			}
			thresholdBlock(lum[yoff*w+xoff:], w, sum/25, bits[yoff*words:], words, xoff)
		}
	}
	m, _ := gozxing.NewBitMatrix(w, h)
	row := gozxing.NewBitArray(w)
	for y := 0; y < h; y++ {
		for i, b := range bits[y*words : (y+1)*words] {
			row.SetBulk(i*32, b)
		}
		m.SetRow(y, row)
	}
	return m
}

// binScratch is the working memory of one binarization, kept between
// frames: a camera sends the same size many times a second.
type binScratch struct {
	points []int32
	bits   []uint32
}

var scratch = sync.Pool{New: func() any { return new(binScratch) }}

// grow returns (*s)[:n], reallocating only when it is too short.
func grow[T any](s *[]T, n int) []T {
	if cap(*s) < n {
		*s = make([]T, n)
	}
	*s = (*s)[:n]
	return *s
}

// thresholdBlock sets, in the rows of bits starting at the block's top
// row, the pixels of one 8x8 block no lighter than t.
func thresholdBlock(lum []byte, stride, t int, bits []uint32, words, xoff int) {
	word, shift := xoff>>5, uint(xoff&31)
	tt := uint64(t) * lanes // t in every byte; t is at most 255
	for y := 0; y < blockSize; y++ {
		mask := uint32(atMost(binary.LittleEndian.Uint64(lum[y*stride:]), tt))
		row := bits[y*words:]
		row[word] |= mask << shift
		if shift > 32-blockSize && mask>>(32-shift) != 0 {
			row[word+1] |= mask >> (32 - shift)
		}
	}
}

const (
	lanes = 0x0101010101010101 // 1 in every byte
	highs = 0x8080808080808080 // the top bit of every byte
)

// atMost compares the eight bytes of p with those of t, as unsigned
// numbers, and returns bit i set where byte i of p is at most byte i of
// t: eight pixels thresholded in a few word operations, without a branch
// that noise would mispredict (Hacker's Delight, 2-18 and 7-1).
func atMost(p, t uint64) uint64 {
	// Byte-wise t-p with no borrow between bytes.
	d := ((t | highs) - (p &^ highs)) ^ ((t ^ ^p) & highs)
	// The top bit of each byte where t < p.
	less := (^t & p) | ((^t | p) & d)
	notLess := (^less & highs) >> 7 // 1 in each byte where p <= t
	return (notLess * 0x0102040810204080) >> 56
}

// blackPoints estimates each block's black point: its mean, or for a block
// of little contrast half its darkest pixel, raised to its neighbours'
// estimate when that is higher than the darkest pixel.
func blackPoints(buf *binScratch, lum []byte, w, h, subW, subH int) []int32 {
	points := grow(&buf.points, subW*subH)
	maxX, maxY := w-blockSize, h-blockSize
	for by := 0; by < subH; by++ {
		yoff := min(by<<blockPower, maxY)
		for bx := 0; bx < subW; bx++ {
			xoff := min(bx<<blockPower, maxX)
			sum, lo, hi := blockStats(lum[yoff*w+xoff:], w)
			avg := sum >> (2 * blockPower)
			if hi-lo <= dynamicRange {
				avg = lo / 2
				if by > 0 && bx > 0 {
					i := by*subW + bx
					nb := (int(points[i-subW]) + 2*int(points[i-1]) + int(points[i-subW-1])) / 4
					if lo < nb {
						avg = nb
					}
				}
			}
			points[by*subW+bx] = int32(avg)
		}
	}
	return points
}

// blockStats sums one block's pixels, and finds its darkest and lightest
// over the rows up to the first where they differ by more than the
// dynamic range, as gozxing stops looking there.
func blockStats(lum []byte, stride int) (sum, lo, hi int) {
	lo, hi = 0xff, 0
	y := 0
	for y < blockSize {
		for _, p := range lum[y*stride : y*stride+blockSize] {
			v := int(p)
			sum += v
			lo, hi = min(lo, v), max(hi, v)
		}
		y++
		if hi-lo > dynamicRange {
			break
		}
	}
	for ; y < blockSize; y++ {
		sum += byteSum(binary.LittleEndian.Uint64(lum[y*stride:]))
	}
	return sum, lo, hi
}

// byteSum adds the eight bytes of v: pairs into 16-bit lanes, then the
// lanes by one multiplication.
func byteSum(v uint64) int {
	const evens = 0x00ff00ff00ff00ff
	pairs := v&evens + (v>>8)&evens
	return int((pairs * 0x0001000100010001) >> 48)
}
