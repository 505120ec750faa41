// Package retention deletes personal data when the conference's retention
// periods end. Both periods count whole days from the
// conference's last day, in its time zone: with the default 30, passport
// details go on the 30th day after the last day, from local midnight.
//
//   - Passport retention blanks the passport name, number, expiry,
//     nationality and date of birth of every registration and marks it
//     purged; its letter then answers 410 Gone, naming the day.
//   - Personal retention erases every registration as an admin's erasure
//     of one person does (store.Tx.EraseRegistration), every focal point
//     and nomination, and deletes every e-mailed link and every nomination
//     letter (its record, then its file once that has committed); what
//     remains is statistics.
//   - Bodies of sent messages, which hold self-service links, are emptied
//     BodyDays after sending; the rest of the message stays for the record.
//
// Each purge is its own transaction, so a failure in one leaves the others
// done, and each writes one audit line without values when it changed
// anything (an hourly run that finds nothing due writes nothing). Runs are
// idempotent: a purged registration is not purged again.
package retention

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"confdesk/internal/model"
	"confdesk/internal/store"
)

// BodyDays is how long a sent message keeps its body.
const BodyDays = 30

// MaxDays bounds both retention periods: ten years.
const MaxDays = 3650

// Dates returns the first days, in the conference's zone, on which passport
// and personal retention are due (YYYY-MM-DD).
func Dates(conf model.Conference, r model.Retention) (passport, personal string) {
	end, err := time.Parse(time.DateOnly, conf.EndDate)
	if err != nil {
		return "", ""
	}
	return end.AddDate(0, 0, r.PassportDays).Format(time.DateOnly), end.AddDate(0, 0, r.PersonalDays).Format(time.DateOnly)
}

// Report is what one run did, or with DryRun would do.
type Report struct {
	DryRun                     bool
	PassportDate, PersonalDate string // when each purge is due (YYYY-MM-DD)
	PassportDue, PersonalDue   bool
	Passports, Erased, Bodies  int
	Links                      int // e-mailed links deleted with personal retention
	Letters                    int // nomination letters deleted with personal retention
}

// String is the run in one line, for the log and the command's output.
func (r Report) String() string {
	verb := "deleted"
	if r.DryRun {
		verb = "would be deleted"
	}
	var parts []string
	if r.PassportDue {
		parts = append(parts, fmt.Sprintf("passport data of %d registrations %s (due %s)", r.Passports, verb, r.PassportDate))
	} else {
		parts = append(parts, "passport data kept until "+r.PassportDate)
	}
	if r.PersonalDue {
		parts = append(parts, fmt.Sprintf("personal data of %d registrations %s (due %s)", r.Erased, verb, r.PersonalDate),
			fmt.Sprintf("%d nomination letters %s", r.Letters, verb))
	} else {
		parts = append(parts, "personal data kept until "+r.PersonalDate)
	}
	parts = append(parts, fmt.Sprintf("bodies of %d sent messages %s", r.Bodies, verb))
	return "retention: " + strings.Join(parts, "; ")
}

// errDryRun rolls back a purge that was only counted.
var errDryRun = errors.New("retention: dry run")

// Files removes stored files by their stored names: the nomination
// letters' folder (registration.LetterFiles).
type Files interface{ Remove(storedName string) }

// Run applies every purge due at now to the current conference. With
// dryRun it counts what would go and changes nothing. letters is where the
// nomination letters' files are: personal retention deletes them with
// their records, once the records' deletion has committed.
func Run(ctx context.Context, st *store.Store, letters Files, now time.Time, dryRun bool) (Report, error) {
	rep := Report{DryRun: dryRun}
	conf, err := st.CurrentConference(ctx)
	if err != nil {
		return rep, err
	}
	ret, err := st.Retention(ctx, conf.ID)
	if err != nil {
		return rep, err
	}
	rep.PassportDate, rep.PersonalDate = Dates(conf, ret)
	today := now.In(conf.Location()).Format(time.DateOnly)
	rep.PassportDue = rep.PassportDate != "" && today >= rep.PassportDate
	rep.PersonalDue = rep.PersonalDate != "" && today >= rep.PersonalDate

	// update runs one purge; a dry run rolls it back once counted.
	update := func(fn func(tx *store.Tx) error) error {
		err := st.Update(ctx, func(tx *store.Tx) error {
			if err := fn(tx); err != nil {
				return err
			}
			if dryRun {
				return errDryRun
			}
			return nil
		})
		if errors.Is(err, errDryRun) {
			return nil
		}
		return err
	}
	audit := func(tx *store.Tx, what string, n int) error {
		if n == 0 {
			return nil
		}
		return tx.Audit(model.AuditEntry{ConferenceID: conf.ID, Actor: "system", Action: "retention",
			Entity: "conference", EntityID: conf.ID, Changes: map[string][2]string{what: {"", fmt.Sprint(n)}}, CreatedAt: now})
	}

	if rep.PassportDue {
		err := update(func(tx *store.Tx) error {
			n, err := tx.PurgePassports(conf.ID, now)
			rep.Passports = n
			if err != nil {
				return err
			}
			return audit(tx, "passport data of registrations deleted", n)
		})
		if err != nil {
			return rep, err
		}
	}
	if rep.PersonalDue {
		var gone []string // the stored names of the letters deleted
		err := update(func(tx *store.Tx) error {
			ids, err := tx.UnerasedIDs(conf.ID)
			if err != nil {
				return err
			}
			rep.Erased = 0
			for _, id := range ids {
				done, err := tx.EraseRegistration(id, now)
				if err != nil {
					return err
				}
				if done {
					rep.Erased++
				}
			}
			if rep.Links, err = tx.DeleteEmailTokens(conf.ID); err != nil {
				return err
			}
			// Focal points and nominees (issue 16), registered or not, and
			// their nomination letters.
			if err := tx.EraseNominations(conf.ID, now); err != nil {
				return err
			}
			if gone, err = tx.DeleteNominationDocuments(conf.ID); err != nil {
				return err
			}
			rep.Letters = len(gone)
			if err := audit(tx, "nomination letters deleted", rep.Letters); err != nil {
				return err
			}
			return audit(tx, "personal data of registrations erased", rep.Erased)
		})
		if err != nil {
			return rep, err
		}
		if !dryRun {
			for _, name := range gone {
				letters.Remove(name)
			}
		}
	}
	err = update(func(tx *store.Tx) error {
		n, err := tx.DeleteSentBodies(conf.ID, now.AddDate(0, 0, -BodyDays))
		rep.Bodies = n
		if err != nil {
			return err
		}
		return audit(tx, "bodies of sent messages deleted", n)
	})
	return rep, err
}

// Runner applies retention at start and at every tick, logging one line
// per run.
type Runner struct {
	Store *store.Store
	// Letters is where the nomination letters' files are.
	Letters Files
	Log     *slog.Logger
	Now     func() time.Time
	// Done, when set, receives each run's report (tests wait on it).
	Done func(Report, error)
}

// Once runs retention now and logs the result.
func (r Runner) Once(ctx context.Context) (Report, error) {
	rep, err := Run(ctx, r.Store, r.Letters, r.Now(), false)
	if err != nil {
		r.Log.Error("retention failed", "error", err)
	} else {
		r.Log.Info(rep.String())
	}
	if r.Done != nil {
		r.Done(rep, err)
	}
	return rep, err
}

// Run runs retention once at once and then at every tick until ctx ends.
func (r Runner) Run(ctx context.Context, tick <-chan time.Time) {
	r.Once(ctx)
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick:
			r.Once(ctx)
		}
	}
}
