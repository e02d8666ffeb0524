package ui

// keys writes shortcuts the macOS way: ⌘L.
var keys = macKeys
