package ui

import (
	"errors"
	"regexp"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/confidenotes/confide/notes"
)

// usDate is a date written the US way: month/day/year.
var usDate = regexp.MustCompile(`^(\d{1,2})/(\d{1,2})/(\d{4})$`)

// errDateFormat says how to write a date.
var errDateFormat = errors.New("write the date as month/day/year (03/14/1985) or year-month-day (1985-03-14)")

// parseDate reads a date typed as year-month-day (1985-03-14) or the US
// way (03/14/1985, 3/14/1985) and returns it as year-month-day.
func parseDate(text string) (string, error) {
	text = strings.TrimSpace(text)
	if t, err := time.Parse(notes.DateLayout, text); err == nil {
		return t.Format(notes.DateLayout), nil
	}
	m := usDate.FindStringSubmatch(text)
	if m == nil {
		return "", errDateFormat
	}
	month, _ := strconv.Atoi(m[1])
	day, _ := strconv.Atoi(m[2])
	year, _ := strconv.Atoi(m[3])
	t := time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC)
	if month < 1 || month > 12 || t.Day() != day {
		return "", errors.New("there is no such date: check the month and the day")
	}
	return t.Format(notes.DateLayout), nil
}

// ageOn is how many whole years old someone born on dob is on day now.
func ageOn(dob, now time.Time) int {
	age := now.Year() - dob.Year()
	if now.Month() < dob.Month() || (now.Month() == dob.Month() && now.Day() < dob.Day()) {
		age--
	}
	return age
}

// dateField is a date typed or picked from a calendar, with a line below
// that says how the typed date was read, or what is wrong with it.
type dateField struct {
	entry  *widget.Entry
	pick   *widget.Button
	note   *widget.Label // how the date reads: "14 March 1985"
	err    *widget.Label // what is wrong, beside the field
	now    func() time.Time
	popUp  *widget.PopUp
	onDate func(t time.Time, ok bool) // a valid date was typed or picked (ok), or the field was cleared
	root   fyne.CanvasObject
}

func newDateField(text, hint string, now func() time.Time, onChanged func()) *dateField {
	d := &dateField{now: now}
	d.entry = &widget.Entry{Text: text, PlaceHolder: hint}
	d.note = &widget.Label{SizeName: captionSize, Importance: widget.LowImportance}
	d.err = problemLabel()
	d.pick = &widget.Button{Icon: theme.Icon(theme.IconNameCalendar), Importance: widget.LowImportance, OnTapped: d.showCalendar}
	d.entry.OnChanged = func(string) {
		d.explain()
		if onChanged != nil {
			onChanged()
		}
	}
	d.root = container.NewVBox(container.NewBorder(nil, nil, nil, d.pick, d.entry), d.note, d.err)
	d.explain()
	return d
}

// value is the date as year-month-day, "" when empty.
func (d *dateField) value() (string, error) {
	if strings.TrimSpace(d.entry.Text) == "" {
		return "", nil
	}
	return parseDate(d.entry.Text)
}

// explain says how the typed date reads, and clears the error once it is
// right.
func (d *dateField) explain() {
	iso, err := d.value()
	if err != nil || iso == "" {
		say(d.note, "")
		if iso == "" && err == nil {
			say(d.err, "")
		}
		if d.onDate != nil && iso == "" && err == nil {
			d.onDate(time.Time{}, false)
		}
		return
	}
	say(d.err, "")
	t, _ := time.Parse(notes.DateLayout, iso)
	say(d.note, t.Format("2 January 2006"))
	if d.onDate != nil {
		d.onDate(t, true)
	}
}

// showCalendar opens a calendar at the typed date (or today), with the
// month and year to jump to: a birth date is decades back.
func (d *dateField) showCalendar() {
	start := d.now()
	if iso, err := d.value(); err == nil && iso != "" {
		start, _ = time.Parse(notes.DateLayout, iso)
	}
	cv := fyne.CurrentApp().Driver().CanvasForObject(d.entry)
	if cv == nil {
		return
	}
	holder := container.NewStack()
	var months []string
	for m := time.January; m <= time.December; m++ {
		months = append(months, m.String())
	}
	month := &widget.Select{Options: months, Selected: start.Month().String()}
	var years []string
	for y := d.now().Year(); y >= d.now().Year()-110; y-- {
		years = append(years, strconv.Itoa(y))
	}
	year := &widget.Select{Options: years, Selected: strconv.Itoa(start.Year())}
	show := func() {
		y, _ := strconv.Atoi(year.Selected)
		m := time.January
		for i, name := range months {
			if name == month.Selected {
				m = time.Month(i + 1)
			}
		}
		holder.Objects = []fyne.CanvasObject{widget.NewCalendar(time.Date(y, m, 1, 0, 0, 0, 0, time.Local), d.picked)}
		holder.Refresh()
	}
	month.OnChanged = func(string) { show() }
	year.OnChanged = func(string) { show() }
	show()
	d.popUp = widget.NewPopUp(container.NewBorder(container.NewGridWithColumns(2, month, year), nil, nil, nil, holder), cv)
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(d.entry)
	d.popUp.ShowAtPosition(pos.AddXY(0, d.entry.Size().Height))
}

// picked takes the date chosen in the calendar.
func (d *dateField) picked(t time.Time) {
	if d.popUp != nil {
		d.popUp.Hide()
	}
	d.entry.SetText(t.Format(notes.DateLayout))
}
