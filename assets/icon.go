package assets

import _ "embed"

// IconPNG is Confide's app icon, a white shield holding a note on a calm
// teal tile, as a 512x512 PNG. It is plain bytes so that this package,
// which the domain packages import too, never imports Fyne.
//
//go:embed icon.png
var IconPNG []byte

//go:generate go run ../ui/internal/icongen -o icon.png
