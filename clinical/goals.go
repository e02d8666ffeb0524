package clinical

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/confidenotes/confide/notes"
	"github.com/confidenotes/confide/vault"
)

// Progress on a goal, as a note records it: a point on this scale and a
// sentence.
const (
	ProgressWorse    = 1
	ProgressNone     = 2
	ProgressSome     = 3
	ProgressMuch     = 4
	ProgressGoalMet  = 5
	progressScaleMax = ProgressGoalMet
)

// ProgressLabels names the points of the progress scale (index 0 unused).
var ProgressLabels = []string{"", "worse", "no change", "some progress", "much progress", "goal met"}

// GoalLink is a goal a note addressed, with the progress recorded on it.
type GoalLink struct {
	NoteID   string    `json:"note_id"`
	GoalID   string    `json:"goal_id"`
	PlanID   string    `json:"plan_id"`
	ClientID string    `json:"client_id"`
	Progress int       `json:"progress"` // 1 (worse) to 5 (goal met)
	Comment  string    `json:"comment,omitempty"`
	Updated  time.Time `json:"updated"`
}

// LinkGoal records that a draft note addressed a goal of the client's
// current plan, with progress (1 to 5) and a sentence. Linking the same
// goal again replaces the progress. A signed note's links are frozen.
func (s *Store) LinkGoal(noteID, goalID string, progress int, comment string) (*GoalLink, error) {
	if progress < 1 || progress > progressScaleMax {
		return nil, fmt.Errorf("%w: progress must be 1 (worse) to 5 (goal met)", ErrInvalid)
	}
	n, err := s.notes.GetNote(noteID)
	if errors.Is(err, notes.ErrNotFound) {
		return nil, notFound("note", noteID)
	}
	if err != nil {
		return nil, err
	}
	if n.Signed() {
		return nil, fmt.Errorf("%w: note %s is signed; its goal links are frozen", ErrInvalid, noteID)
	}
	cur, err := s.CurrentPlan(n.ClientID)
	if err != nil {
		return nil, err
	}
	if cur == nil {
		return nil, fmt.Errorf("%w: the client has no signed plan to link goals from", ErrNotSigned)
	}
	if g, _ := cur.Goal(goalID); g == nil {
		return nil, fmt.Errorf("%w: goal %s is not in the client's current plan %s", ErrNotFound, goalID, cur.ID)
	}
	l := &GoalLink{NoteID: noteID, GoalID: goalID, PlanID: cur.ID, ClientID: n.ClientID, Progress: progress,
		Comment: strings.TrimSpace(comment), Updated: s.now().UTC()}
	err = s.v.Update(func(tx *vault.Tx) error {
		_, err := tx.Exec(`INSERT INTO clinical_goal_links(note_id, goal_id, plan_id, client_id, progress, comment, updated_at)
			VALUES(?, ?, ?, ?, ?, ?, ?) ON CONFLICT(note_id, goal_id) DO UPDATE SET plan_id = excluded.plan_id,
			progress = excluded.progress, comment = excluded.comment, updated_at = excluded.updated_at`,
			l.NoteID, l.GoalID, l.PlanID, l.ClientID, l.Progress, l.Comment, stamp(l.Updated))
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("link goal: %w", err)
	}
	l.Updated = parseStamp(stamp(l.Updated))
	return l, nil
}

// UnlinkGoal removes a goal from a draft note.
func (s *Store) UnlinkGoal(noteID, goalID string) error {
	return s.v.Update(func(tx *vault.Tx) error {
		_, err := tx.Exec("DELETE FROM clinical_goal_links WHERE note_id = ? AND goal_id = ?", noteID, goalID)
		return err
	})
}

// NoteGoals returns the goals a note addressed.
func (s *Store) NoteGoals(noteID string) ([]GoalLink, error) {
	return s.goalLinks("note_id = ?", noteID)
}

func (s *Store) goalLinks(where string, args ...any) ([]GoalLink, error) {
	var out []GoalLink
	err := s.v.Read(func(q vault.Querier) error {
		rows, err := q.Query(`SELECT note_id, goal_id, plan_id, client_id, progress, comment, updated_at
			FROM clinical_goal_links WHERE `+where+` ORDER BY updated_at, goal_id`, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var l GoalLink
			var updated string
			if err := rows.Scan(&l.NoteID, &l.GoalID, &l.PlanID, &l.ClientID, &l.Progress, &l.Comment, &updated); err != nil {
				return err
			}
			l.Updated = parseStamp(updated)
			out = append(out, l)
		}
		return rows.Err()
	})
	return out, err
}

// GoalEntry is one note's word on a goal, dated by its session.
type GoalEntry struct {
	GoalLink
	Date   string `json:"date"` // the note's session date
	Signed bool   `json:"signed"`
}

// GoalVersion is the goal as one version of the plan states it.
type GoalVersion struct {
	PlanID  string `json:"plan_id"`
	Version int    `json:"version"`
	Signed  bool   `json:"signed"`
	Problem string `json:"problem"`
	Goal    Goal   `json:"goal"`
}

// GoalHistory is a goal's page: its wording in each plan version, the
// notes that addressed it, and the measures of its instrument.
type GoalHistory struct {
	GoalID   string        `json:"goal_id"`
	Versions []GoalVersion `json:"versions"`
	Entries  []GoalEntry   `json:"entries"`            // by session date
	Measures []Measure     `json:"measures,omitempty"` // of the goal's instrument, oldest first
}

// GoalHistory gathers a goal's history across the client's plan versions,
// notes and linked measures.
func (s *Store) GoalHistory(clientID, goalID string) (*GoalHistory, error) {
	ps, err := s.Plans(clientID)
	if err != nil {
		return nil, err
	}
	h := &GoalHistory{GoalID: goalID}
	instrument := ""
	for _, p := range ps {
		if g, pr := p.Goal(goalID); g != nil {
			h.Versions = append(h.Versions, GoalVersion{PlanID: p.ID, Version: p.Version, Signed: p.Signed(), Problem: pr.Text, Goal: *g})
			if g.Measure != nil {
				instrument = g.Measure.Instrument
			}
		}
	}
	if len(h.Versions) == 0 {
		return nil, notFound("goal", goalID)
	}
	links, byID, err := s.linksWithNotes("client_id = ? AND goal_id = ?", clientID, goalID)
	if err != nil {
		return nil, err
	}
	for _, l := range links {
		n := byID[l.NoteID]
		h.Entries = append(h.Entries, GoalEntry{GoalLink: l, Date: n.Date, Signed: n.Signed})
	}
	sortEntries(h.Entries)
	if instrument != "" {
		if h.Measures, err = s.Measures(clientID, instrument); err != nil {
			return nil, err
		}
	}
	return h, nil
}

// linksWithNotes returns the goal links the condition where selects (its first argument
// the client id), and the client's notes by id, for their dates.
func (s *Store) linksWithNotes(where string, args ...any) ([]GoalLink, map[string]notes.Summary, error) {
	links, err := s.goalLinks(where, args...)
	if err != nil {
		return nil, nil, err
	}
	sums, err := s.notes.ListNotes(args[0].(string))
	if err != nil {
		return nil, nil, err
	}
	byID := map[string]notes.Summary{}
	for _, n := range sums {
		byID[n.ID] = n
	}
	return links, byID, nil
}

func sortEntries(es []GoalEntry) {
	sort.SliceStable(es, func(i, j int) bool { return es[i].Date < es[j].Date })
}
