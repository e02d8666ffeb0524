package ui

import (
	"image/color"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// Appearance choices, as the settings offer them and the preferences keep
// them.
const (
	lookSystem = "system"
	lookLight  = "light"
	lookDark   = "dark"
)

// lookChoices are the appearances offered, in order.
var lookChoices = []struct{ key, label string }{
	{lookSystem, "Follow the system"},
	{lookLight, "Light"},
	{lookDark, "Dark"},
}

// textSizeChoices are the text sizes offered, as a scale of Fyne's.
var textSizeChoices = []struct {
	label string
	scale float64
}{{"Small", 0.9}, {"Normal", 1}, {"Large", 1.15}, {"Larger", 1.3}}

// confideTheme is Fyne's default theme with a chosen variant (or the
// system's), a chosen text size, and colours for secondary text, greyed
// items and status words that meet WCAG AA contrast (4.5:1) on every
// background they are drawn on. Fyne's own greys and its light theme's
// green and orange text fall far short (down to 1.5:1).
type confideTheme struct {
	look  string  // lookSystem, lookLight or lookDark
	scale float32 // text size, 1 for Fyne's
}

// newTheme reads the appearance from the preferences.
func newTheme(p fyne.Preferences) *confideTheme {
	t := &confideTheme{look: p.StringWithFallback(prefLook, lookSystem), scale: 1}
	for _, c := range textSizeChoices {
		if c.label == p.StringWithFallback(prefTextSize, "Normal") {
			t.scale = float32(c.scale)
		}
	}
	return t
}

// applyTheme sets the theme the preferences ask for on a.
func applyTheme(a fyne.App) {
	a.Settings().SetTheme(newTheme(a.Preferences()))
}

// variant is the variant to draw: the chosen one, or the system's.
func (t *confideTheme) variant(system fyne.ThemeVariant) fyne.ThemeVariant {
	switch t.look {
	case lookLight:
		return theme.VariantLight
	case lookDark:
		return theme.VariantDark
	}
	return system
}

// Text colours with AA contrast on the backgrounds of each variant.
var (
	darkSecondary  = color.NRGBA{R: 0xa4, G: 0xa6, B: 0xad, A: 0xff} // greyed items, secondary text
	darkSuccess    = color.NRGBA{R: 0x5c, G: 0xd6, B: 0x5c, A: 0xff}
	darkWarning    = color.NRGBA{R: 0xff, G: 0xa7, B: 0x26, A: 0xff}
	darkError      = color.NRGBA{R: 0xff, G: 0x6e, B: 0x64, A: 0xff}
	lightSecondary = color.NRGBA{R: 0x5f, G: 0x61, B: 0x68, A: 0xff}
	lightSuccess   = color.NRGBA{R: 0x1e, G: 0x7b, B: 0x34, A: 0xff}
	lightWarning   = color.NRGBA{R: 0x9a, G: 0x55, B: 0x00, A: 0xff}
	lightError     = color.NRGBA{R: 0xc6, G: 0x28, B: 0x28, A: 0xff}
	lightPrimary   = color.NRGBA{R: 0x1a, G: 0x5f, B: 0xd6, A: 0xff}

	// The text colour, a shade short of opaque. Fyne draws a menu item's
	// shortcut ("Ctrl+L") in the text colour with its alpha scaled by 0.95
	// in 16 bits and then cut to 8: an opaque colour comes out at alpha 50
	// of 255, a faint 1.5:1. At alpha 0xee the shortcut comes out at 251,
	// and the text itself stays above 8:1.
	darkForeground  = color.NRGBA{R: 0xfe, G: 0xfe, B: 0xfe, A: 0xee}
	lightForeground = color.NRGBA{R: 0x3f, G: 0x3f, B: 0x3f, A: 0xee}
	darkPrimary     = color.NRGBA{R: 0x2f, G: 0x6f, B: 0xe0, A: 0xff} // white on it: 4.7:1
)

func (t *confideTheme) Color(name fyne.ThemeColorName, system fyne.ThemeVariant) color.Color {
	v := t.variant(system)
	dark := v == theme.VariantDark
	pick := func(d, l color.Color) color.Color {
		if dark {
			return d
		}
		return l
	}
	switch name {
	case theme.ColorNameForeground:
		return pick(darkForeground, lightForeground)
	case theme.ColorNameDisabled, theme.ColorNamePlaceHolder:
		return pick(darkSecondary, lightSecondary)
	case theme.ColorNameSuccess:
		return pick(darkSuccess, lightSuccess)
	case theme.ColorNameWarning:
		return pick(darkWarning, lightWarning)
	case theme.ColorNameError:
		return pick(darkError, lightError)
	case theme.ColorNamePrimary:
		return pick(darkPrimary, lightPrimary)
	}
	return theme.DefaultTheme().Color(name, v)
}

func (t *confideTheme) Font(s fyne.TextStyle) fyne.Resource { return theme.DefaultTheme().Font(s) }

func (t *confideTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return theme.DefaultTheme().Icon(n) }

func (t *confideTheme) Size(n fyne.ThemeSizeName) float32 {
	s := theme.DefaultTheme().Size(n)
	switch n {
	case theme.SizeNameText, theme.SizeNameCaptionText, theme.SizeNameHeadingText, theme.SizeNameSubHeadingText:
		return float32(math.Round(float64(s*t.scale)*2) / 2)
	}
	return s
}

// contrast is the WCAG 2 contrast ratio of text colour a drawn on the
// opaque background b, from 1 to 21.
func contrast(a, b color.Color) float64 {
	la, lb := luminance(over(a, b)), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// over is colour c, which may be translucent, drawn on the opaque bg.
func over(c, bg color.Color) color.Color {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	b := color.NRGBAModel.Convert(bg).(color.NRGBA)
	mix := func(f, g uint8) uint8 {
		return uint8((float64(f)*float64(n.A) + float64(g)*float64(255-n.A)) / 255)
	}
	return color.NRGBA{R: mix(n.R, b.R), G: mix(n.G, b.G), B: mix(n.B, b.B), A: 0xff}
}

// luminance is the WCAG relative luminance of c.
func luminance(c color.Color) float64 {
	r, g, b, _ := color.NRGBAModel.Convert(c).RGBA()
	lin := func(v uint32) float64 {
		s := float64(v>>8) / 255
		if s <= 0.03928 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
}
