//go:build !darwin

package ui

// keys writes shortcuts the Windows and Linux way: Ctrl+L.
var keys = pcKeys
