package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// activityArea holds the main screen so that moving the mouse over it
// counts as activity for the idle lock: someone reading a long note with
// the mouse in hand is not away. Fyne has no global pointer hook; pointer
// events go to the deepest Hoverable under the pointer, so buttons and
// fields keep theirs (tapping and typing in them count already) and the
// rest (text being read, lists, backgrounds) comes here.
type activityArea struct {
	widget.BaseWidget
	content fyne.CanvasObject
	touch   func()
}

func newActivityArea(content fyne.CanvasObject, touch func()) *activityArea {
	a := &activityArea{content: content, touch: touch}
	a.ExtendBaseWidget(a)
	return a
}

func (a *activityArea) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(a.content)
}

// MouseIn is activity.
func (a *activityArea) MouseIn(*desktop.MouseEvent) { a.touch() }

// MouseMoved is activity.
func (a *activityArea) MouseMoved(*desktop.MouseEvent) { a.touch() }

// MouseOut is not.
func (a *activityArea) MouseOut() {}

// activityScroll is a form's vertical scroll (see formScroll) whose
// scrolling counts as activity, since the scroll, not the area around it,
// gets the wheel.
func activityScroll(content fyne.CanvasObject, touch func()) *container.Scroll {
	s := formScroll(content)
	s.OnScrolled = func(fyne.Position) { touch() }
	return s
}
