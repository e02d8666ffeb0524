// Command icongen draws Confide's app icon, a white shield holding a note,
// on a calm teal tile, as a 512x512 PNG:
//
//	go run ./ui/internal/icongen -o assets/icon.png
package main

import (
	"flag"
	"image"
	"image/color"
	"image/png"
	"log"
	"math"
	"os"
)

const (
	size = 512
	ss   = 4 // supersampling per axis, for smooth edges
)

var (
	tileTop    = color.NRGBA{0x3a, 0x86, 0x87, 0xff}
	tileBottom = color.NRGBA{0x25, 0x5f, 0x6b, 0xff}
	shield     = color.NRGBA{0xfb, 0xfa, 0xf6, 0xff}
	ink        = color.NRGBA{0x2f, 0x6f, 0x73, 0xff}
	leaf       = color.NRGBA{0x8c, 0xc4, 0xa8, 0xff}
)

func main() {
	out := flag.String("o", "icon.png", "output `file`")
	flag.Parse()
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	for y := 0; y < size; y++ {
		for x := 0; x < size; x++ {
			img.SetNRGBA(x, y, pixel(x, y))
		}
	}
	f, err := os.Create(*out)
	if err != nil {
		log.Fatal(err)
	}
	if err := png.Encode(f, img); err != nil {
		log.Fatal(err)
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
}

// pixel averages the supersamples of one pixel, in premultiplied form.
func pixel(x, y int) color.NRGBA {
	var r, g, b, a float64
	for j := 0; j < ss; j++ {
		for i := 0; i < ss; i++ {
			px := (float64(x) + (float64(i)+0.5)/ss) / size
			py := (float64(y) + (float64(j)+0.5)/ss) / size
			c := sample(px, py)
			fa := float64(c.A) / 255
			r += float64(c.R) * fa
			g += float64(c.G) * fa
			b += float64(c.B) * fa
			a += fa
		}
	}
	n := float64(ss * ss)
	if a == 0 {
		return color.NRGBA{}
	}
	return color.NRGBA{uint8(r / a), uint8(g / a), uint8(b / a), uint8(a / n * 255)}
}

// sample is the colour at (x, y) in the unit square, painter's order.
func sample(x, y float64) color.NRGBA {
	c := color.NRGBA{}
	if roundedRect(x, y, 0.04, 0.04, 0.96, 0.96, 0.2) {
		c = mix(tileTop, tileBottom, y)
	}
	if inShield(x, y) {
		c = shield
	}
	// The note: a page with a folded corner and three lines of text.
	if roundedRect(x, y, 0.36, 0.3, 0.64, 0.66, 0.02) && !(x > 0.56 && y < 0.38 && (x-0.56) > (y-0.3)) {
		c = ink
		if roundedRect(x, y, 0.385, 0.325, 0.615, 0.635, 0.012) && !(x > 0.545 && y < 0.395 && (x-0.545) > (y-0.325)-0.005) {
			c = shield
		}
		for _, ly := range []float64{0.44, 0.50, 0.56} {
			w := 0.575
			if ly == 0.56 {
				w = 0.51
			}
			if roundedRect(x, y, 0.425, ly-0.012, w, ly+0.012, 0.012) {
				c = ink
			}
		}
	}
	// A small leaf at the shield's foot: calm, living, not clinical.
	if lens(x, y, 0.5, 0.735, 0.055, 0.03) {
		c = leaf
	}
	return c
}

// inShield is a shield: straight sides from a flat top, then curving in
// to a rounded point.
func inShield(x, y float64) bool {
	const top, shoulder, tip, half = 0.17, 0.42, 0.86, 0.3
	dx := math.Abs(x - 0.5)
	switch {
	case y < top || y > tip:
		return false
	case y < shoulder:
		return dx < half
	default:
		t := (y - shoulder) / (tip - shoulder)
		return dx < half*math.Sqrt(1-t*t)
	}
}

func roundedRect(x, y, x0, y0, x1, y1, r float64) bool {
	if x < x0 || x > x1 || y < y0 || y > y1 {
		return false
	}
	cx := math.Max(x0+r, math.Min(x, x1-r))
	cy := math.Max(y0+r, math.Min(y, y1-r))
	return (x-cx)*(x-cx)+(y-cy)*(y-cy) <= r*r
}

// lens is a horizontal leaf shape centred at (cx, cy).
func lens(x, y, cx, cy, hw, hh float64) bool {
	u := (x - cx) / hw
	if u < -1 || u > 1 {
		return false
	}
	return math.Abs(y-cy) <= hh*(1-u*u)
}

func mix(a, b color.NRGBA, t float64) color.NRGBA {
	l := func(p, q uint8) uint8 { return uint8(float64(p) + (float64(q)-float64(p))*t) }
	return color.NRGBA{l(a.R, b.R), l(a.G, b.G), l(a.B, b.B), 0xff}
}
