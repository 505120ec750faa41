package registration

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"time"
	"unicode/utf8"

	"confdesk/internal/i18n"
	"confdesk/internal/mail"
	"confdesk/internal/model"
	"confdesk/internal/store"
	"confdesk/internal/textfield"
)

// What organisers do to a registration from the console. Each action moves
// it to another status (Transition), writes its e-mail to the outbox and
// its audit line, all in one transaction; when a place is freed, the
// oldest waitlisted registration is promoted in the same transaction, as
// after a participant's own cancellation.
//
// The rules, in short:
//   - confirm: a pending participant; a waitlisted one (then the e-mail
//     says a place became free); a rejected or cancelled one, which
//     reinstates it. A participant who cancelled cannot come back on their
//     own (registering again only mails a new link), so this is the way back.
//   - promote: only from the waiting list, to confirmed, ahead of the queue.
//   - accredit: press only, from anything but confirmed. Press registrations
//     never take delegates' places, so they are never waitlisted and
//     accrediting them needs no place.
//   - waitlist: a pending or confirmed participant, to the end of the queue.
//   - reject: pending, waitlisted or confirmed; a reason is required and
//     the person is told it.
//   - cancel: pending, waitlisted or confirmed (Service.Cancel).
//
// Capacity: an action that makes a participant take a place (confirming or
// promoting from the waiting list, reinstating) is refused when every place
// is taken, unless the organiser ticks "even if over capacity": a head of
// delegation may need a seat the public form could not give. The override
// is written in the audit line. Confirming a pending registration needs no
// check: pending ones hold their place already.

// Organisers' actions that change a registration's status.
const (
	ActionConfirm  = "confirm"
	ActionPromote  = "promote"
	ActionAccredit = "accredit"
	ActionWaitlist = "waitlist"
	ActionReject   = "reject"
	ActionCancel   = "cancel"
)

// Actions lists the status actions in the order the console offers them.
var Actions = []string{ActionConfirm, ActionPromote, ActionAccredit, ActionWaitlist, ActionReject, ActionCancel}

// Reasons an organiser's action is refused; each comes wrapped in a *Refusal.
var (
	// ErrNotAllowed: the action does not apply to the registration's status or category.
	ErrNotAllowed = errors.New("registration: action not allowed")
	// ErrFull: the action needs a place and every place is taken.
	ErrFull = errors.New("registration: no place left")
	// ErrReasonRequired: a rejection needs a reason the person can read.
	ErrReasonRequired = errors.New("registration: a reason is required")
)

// Refusal is an action the rules do not allow, with a sentence that tells
// the organiser why and what to do instead.
type Refusal struct {
	Err     error // ErrNotAllowed, ErrFull or ErrReasonRequired
	Message string
}

func (r *Refusal) Error() string { return r.Message }

// Unwrap lets errors.Is find the kind of refusal.
func (r *Refusal) Unwrap() error { return r.Err }

func refuse(err error, format string, args ...any) *Refusal {
	return &Refusal{Err: err, Message: fmt.Sprintf(format, args...)}
}

// active reports whether a status holds a place (for non-press registrations).
func active(status string) bool {
	return status == model.StatusPending || status == model.StatusConfirmed
}

func isPress(r model.Registration) bool { return r.Category == model.CategoryPress }

// Transition is the table of what organisers may do: the status action
// moves r to, and the kind of e-mail that tells the person, or a *Refusal.
func Transition(r model.Registration, action string) (status, mailKind string, err error) {
	from, press := r.Status, isPress(r)
	no := func(format string, args ...any) (string, string, error) {
		return "", "", refuse(ErrNotAllowed, format, args...)
	}
	switch action {
	case ActionConfirm:
		switch {
		case press:
			return no("Press accreditation requests are accredited, not confirmed: use “Accredit”.")
		case from == model.StatusConfirmed:
			return no("This registration is already confirmed.")
		case from == model.StatusWaitlisted:
			return model.StatusConfirmed, mail.KindPromoted, nil
		}
		return model.StatusConfirmed, mail.KindConfirmed, nil
	case ActionPromote:
		switch {
		case press:
			return no("Press registrations are never on the waiting list: use “Accredit”.")
		case from != model.StatusWaitlisted:
			return no("Only a registration on the waiting list can be promoted; this one is %s.", from)
		}
		return model.StatusConfirmed, mail.KindPromoted, nil
	case ActionAccredit:
		switch {
		case !press:
			return no("Only press accreditation requests are accredited; confirm a participant instead.")
		case from == model.StatusConfirmed:
			return no("This journalist is already accredited.")
		}
		return model.StatusConfirmed, mail.KindAccredited, nil
	case ActionWaitlist:
		switch {
		case press:
			return no("Journalists do not take delegates' places, so they are never put on the waiting list.")
		case from == model.StatusWaitlisted:
			return no("This registration is already on the waiting list.")
		case !active(from):
			return no("A %s registration cannot join the waiting list; confirm it to reinstate it.", from)
		}
		return model.StatusWaitlisted, mail.KindWaitlisted, nil
	case ActionReject:
		switch from {
		case model.StatusRejected:
			return no("This registration is already rejected.")
		case model.StatusCancelled:
			return no("This registration is cancelled; there is nothing to reject.")
		}
		return model.StatusRejected, mail.KindRejected, nil
	case ActionCancel:
		if from == model.StatusCancelled || from == model.StatusRejected {
			return no("This registration is already %s.", from)
		}
		return model.StatusCancelled, mail.KindCancelled, nil
	}
	return no("There is no action %q.", action)
}

// Available lists the actions Transition allows for r, in the console's order.
func Available(r model.Registration) []string {
	var out []string
	for _, a := range Actions {
		if _, _, err := Transition(r, a); err == nil {
			out = append(out, a)
		}
	}
	return out
}

// TakesPlace reports whether action makes r take a place that it does not
// hold yet, so that it may be refused when the conference is full.
func TakesPlace(r model.Registration, action string) bool {
	to, _, err := Transition(r, action)
	return err == nil && !isPress(r) && !active(r.Status) && active(to)
}

// freesPlace reports whether moving r to status gives up a place.
func freesPlace(r model.Registration, status string) bool {
	return !isPress(r) && active(r.Status) && !active(status)
}

// ActOptions are the details an action may need.
type ActOptions struct {
	// Reason is required to reject; the person reads it.
	Reason string
	// OverCapacity confirms or promotes even when every place is taken.
	OverCapacity bool
	// PressOnly acts only on a press registration and answers
	// store.ErrNotFound for any other: press officers decide accreditation
	// requests, never delegates' registrations. Checked on the row the
	// transaction reads, so a recategorisation meanwhile cannot slip through.
	PressOnly bool
}

// Result is what an action did.
type Result struct {
	Registration model.Registration // as it is now
	// Promoted is the waitlisted registration that took the freed place, if any.
	Promoted *model.Registration
}

// Act carries out an organiser's action on registration id of conference
// c: the status change, its e-mail and audit line, and the promotion of the
// next waitlisted registration when a place is freed, in one transaction.
// A rule that forbids it gives a *Refusal and changes nothing; an unknown
// id gives store.ErrNotFound.
func (s *Service) Act(ctx context.Context, c model.Conference, id int64, action string, opt ActOptions, actor Actor) (Result, error) {
	if action == ActionCancel {
		return s.cancelAsOrganiser(ctx, c, id, actor)
	}
	now := s.Now()
	var res Result
	err := s.Store.Update(ctx, func(tx *store.Tx) error {
		// Capacity and moderation as they are when this commits, not as the page saw them.
		c, err := tx.Conference(c.ID)
		if err != nil {
			return err
		}
		res, err = s.act(tx, c, id, action, opt, actor, now)
		return err
	})
	if err != nil {
		return res, err
	}
	s.notify()
	return res, nil
}

// cancelAsOrganiser is Service.Cancel, the participant's own cancellation,
// with the organiser's checks and sentences around it.
func (s *Service) cancelAsOrganiser(ctx context.Context, c model.Conference, id int64, actor Actor) (Result, error) {
	r, err := s.Store.Registration(ctx, id)
	if err != nil {
		return Result{}, err
	}
	if r.ConferenceID != c.ID {
		return Result{}, store.ErrNotFound
	}
	if _, _, err := Transition(r, ActionCancel); err != nil {
		return Result{Registration: r}, err
	}
	promoted, err := s.Cancel(ctx, c, r, actor)
	if errors.Is(err, ErrNotCancellable) {
		// Someone else closed it between our read and Cancel's.
		return Result{Registration: r}, refuse(ErrNotAllowed, "This registration was closed in the meantime; reload the page.")
	}
	if err != nil {
		return Result{}, err
	}
	r.Status = model.StatusCancelled
	return Result{Registration: r, Promoted: promoted}, nil
}

// act is one action inside tx, on c as read in tx; see Act.
func (s *Service) act(tx *store.Tx, c model.Conference, id int64, action string, opt ActOptions, actor Actor, now time.Time) (Result, error) {
	cur, err := tx.Registration(id)
	if err != nil {
		return Result{}, err
	}
	if cur.ConferenceID != c.ID || opt.PressOnly && !isPress(cur) {
		return Result{}, store.ErrNotFound
	}
	to, kind, err := Transition(cur, action)
	if err != nil {
		return Result{Registration: cur}, err
	}
	reason := ""
	if to == model.StatusRejected {
		if reason, err = checkReason(opt.Reason); err != nil {
			return Result{Registration: cur}, err
		}
	}
	changes := map[string][2]string{"status": {cur.Status, to}}
	if TakesPlace(cur, action) {
		taken, err := tx.ActiveCount(c.ID)
		if err != nil {
			return Result{}, err
		}
		if taken >= c.Capacity {
			if !opt.OverCapacity {
				return Result{Registration: cur}, refuse(ErrFull, "The conference is full: %d of %d places are taken. "+
					"Free a place first, or tick “even if over capacity” to confirm anyway.", taken, c.Capacity)
			}
			changes["over_capacity"] = [2]string{"", fmt.Sprintf("%d of %d places were taken", taken, c.Capacity)}
		}
	}
	if err := tx.SetRegistrationStatus(id, to, now); err != nil {
		return Result{}, err
	}
	// Reinstating clears an old rejection's reason; the history keeps it.
	if reason != cur.RejectionReason {
		if err := tx.SetRejectionReason(id, reason, now); err != nil {
			return Result{}, err
		}
		changes["rejection_reason"] = [2]string{cur.RejectionReason, reason}
	}
	lost, err := s.settle(tx, c, cur, to, changes, actor, now)
	if err != nil {
		return Result{}, err
	}
	updated := cur
	updated.Status, updated.RejectionReason, updated.UpdatedAt = to, reason, now
	if _, withdrawn := changes["letter_approved"]; withdrawn {
		updated.LetterApprovedAt = time.Time{}
	}
	d := mail.Data{Conference: c, Registration: updated, Reason: reason, LostSessions: lost}
	if to == model.StatusWaitlisted {
		if d.WaitlistPosition, err = tx.WaitlistPosition(id); err != nil {
			return Result{}, err
		}
		if d.WaitlistQuota, err = waitlistQueue(tx, updated); err != nil {
			return Result{}, err
		}
	}
	if err := s.enqueue(tx, kind, d, now); err != nil {
		return Result{}, err
	}
	if err := tx.Audit(model.AuditEntry{ConferenceID: c.ID, UserID: actor.UserID, Actor: actor.Name, Action: action,
		Entity: "registration", EntityID: id, Changes: changes, CreatedAt: now}); err != nil {
		return Result{}, err
	}
	res := Result{Registration: updated}
	if freesPlace(cur, to) {
		if res.Promoted, err = s.promoteIfRoom(tx, c, now, id, cur.Country); err != nil {
			return Result{}, err
		}
	}
	return res, nil
}

// maxReason bounds a rejection reason, which goes into an e-mail.
const maxReason = maxNote

// checkReason cleans a rejection reason and checks it can be sent.
func checkReason(reason string) (string, error) {
	reason = clean(reason)
	switch {
	case reason == "":
		return "", refuse(ErrReasonRequired, "Give a reason for the rejection: the person reads it in their e-mail.")
	case utf8.RuneCountInString(reason) > maxReason:
		return "", refuse(ErrReasonRequired, "The reason is too long: at most %d characters.", maxReason)
	case textfield.HasControl(reason, true):
		return "", refuse(ErrReasonRequired, "The reason contains characters that cannot be printed.")
	}
	return reason, nil
}

// BulkResult counts what ConfirmMany did with the registrations it was given.
type BulkResult struct {
	Confirmed int
	// Full were left on the waiting list: no place was left for them.
	Full int
	// Skipped were not pending or waitlisted participants (already
	// confirmed, press, rejected, cancelled or unknown).
	Skipped int
}

// maxBulk bounds one bulk action; a page of the list holds fewer.
const maxBulk = 500

// ConfirmMany confirms the pending and waitlisted participants among ids,
// in one transaction. Pending ones hold their place already; waitlisted
// ones take the places left in the order of the queue, and the rest stay
// waitlisted (counted as Full) unless overCapacity is set. Anything else is
// skipped: reinstating a rejected or cancelled registration, or accrediting
// a journalist, is a decision taken one by one.
func (s *Service) ConfirmMany(ctx context.Context, c model.Conference, ids []int64, overCapacity bool, actor Actor) (BulkResult, error) {
	slices.Sort(ids)
	ids = slices.Compact(ids)
	if len(ids) > maxBulk {
		return BulkResult{}, fmt.Errorf("registration: confirm %d registrations at once: at most %d", len(ids), maxBulk)
	}
	now := s.Now()
	var res BulkResult
	err := s.Store.Update(ctx, func(tx *store.Tx) error {
		res = BulkResult{}
		c, err := tx.Conference(c.ID)
		if err != nil {
			return err
		}
		var todo []model.Registration
		for _, id := range ids {
			r, err := tx.Registration(id)
			switch {
			case errors.Is(err, store.ErrNotFound):
				res.Skipped++
				continue
			case err != nil:
				return err
			case r.ConferenceID != c.ID || isPress(r) || (r.Status != model.StatusPending && r.Status != model.StatusWaitlisted):
				res.Skipped++
				continue
			}
			todo = append(todo, r)
		}
		slices.SortStableFunc(todo, queueOrder)
		for _, r := range todo {
			_, err := s.act(tx, c, r.ID, ActionConfirm, ActOptions{OverCapacity: overCapacity}, actor, now)
			switch {
			case errors.Is(err, ErrFull):
				res.Full++
			case err != nil:
				return err
			default:
				res.Confirmed++
			}
		}
		return nil
	})
	if err != nil {
		return BulkResult{}, err
	}
	if res.Confirmed > 0 {
		s.notify()
	}
	return res, nil
}

// queueOrder puts pending registrations first, then the waitlisted ones as they queue.
func queueOrder(a, b model.Registration) int {
	ap, bp := a.Status == model.StatusPending, b.Status == model.StatusPending
	switch {
	case ap != bp:
		if ap {
			return -1
		}
		return 1
	case !a.WaitlistedAt.Equal(b.WaitlistedAt):
		return a.WaitlistedAt.Compare(b.WaitlistedAt)
	}
	return cmp.Compare(a.ID, b.ID)
}

// UpdateAsOrganiser saves an organiser's edit: the same fields and rules as
// the person's own edit (Update), the category, and the language the
// person's messages are written in (f.Language; a person's own edit keeps
// the language they registered in, whatever page they edit from). A journalist who
// becomes a participant needs a place, so the change is refused (as an
// error on the category field) when the conference is full; a participant
// who becomes press frees one for the waiting list.
func (s *Service) UpdateAsOrganiser(ctx context.Context, c model.Conference, r model.Registration, f Form, category string, actor Actor) (model.Registration, model.FieldErrors, error) {
	if !slices.Contains(model.Categories, category) {
		return r, model.FieldErrors{{Field: "category", Message: "Choose a category from the list."}}, nil
	}
	if f.Language == "" {
		f.Language = r.Language // a form without the field keeps it
	}
	if i18n.Lookup(f.Language) == nil {
		return r, model.FieldErrors{{Field: "language", Message: "Choose a language from the list."}}, nil
	}
	return s.update(ctx, c, r, f, category, actor, false)
}

// recategorise checks, inside tx, that registration id may move to
// category, and reports whether the move frees a place.
func recategorise(tx *store.Tx, c model.Conference, id int64, category string) (freed bool, err error) {
	cur, err := tx.Registration(id)
	if err != nil {
		return false, err
	}
	was, will := !isPress(cur), category != model.CategoryPress
	switch {
	case cur.Status == model.StatusWaitlisted && !will:
		return false, refuse(ErrNotAllowed, "A registration on the waiting list cannot become press: journalists do not wait for delegates' places. Cancel it, or confirm it first.")
	case !active(cur.Status) || was == will:
		return false, nil
	case was:
		return true, nil
	}
	taken, err := tx.ActiveCount(c.ID)
	if err != nil {
		return false, err
	}
	if taken >= c.Capacity {
		return false, refuse(ErrFull, "The conference is full (%d of %d places taken), and as a %s this person would need a place. Free a place first.",
			taken, c.Capacity, category)
	}
	return false, nil
}

// SetHeadOfDelegation marks (or, with head false, unmarks) registration id
// as the head of its delegation. It is audited and sends no e-mail; a
// cancelled or rejected registration cannot be marked. Nothing is written
// when nothing changes.
func (s *Service) SetHeadOfDelegation(ctx context.Context, c model.Conference, id int64, head bool, actor Actor) error {
	now := s.Now()
	return s.Store.Update(ctx, func(tx *store.Tx) error {
		cur, err := tx.Registration(id)
		if err != nil {
			return err
		}
		switch {
		case cur.ConferenceID != c.ID:
			return store.ErrNotFound
		case cur.HeadOfDelegation == head:
			return nil
		case head && !active(cur.Status) && cur.Status != model.StatusWaitlisted:
			return refuse(ErrNotAllowed, "A %s registration cannot head a delegation.", cur.Status)
		}
		if err := tx.SetHeadOfDelegation(id, head, now); err != nil {
			return err
		}
		return tx.Audit(model.AuditEntry{ConferenceID: c.ID, UserID: actor.UserID, Actor: actor.Name,
			Action: "head_of_delegation", Entity: "registration", EntityID: id, CreatedAt: now,
			Changes: map[string][2]string{"head_of_delegation": {yesNo(cur.HeadOfDelegation), yesNo(head)}}})
	})
}

// ApproveLetter approves registration id's request for a visa invitation
// letter. Only a confirmed registration that asked for a letter can be
// approved: the letter invites someone who has a place. seen is the
// LetterFingerprint of the details the organiser was shown; when the row
// no longer matches it, the approval is refused with ErrChanged, decided in
// the same transaction that approves (letter.go). It is audited, and the
// person is e-mailed that the letter is ready (mail.KindLetterReady), with
// a sign-in link to the page where it is downloaded.
func (s *Service) ApproveLetter(ctx context.Context, c model.Conference, id int64, seen string, actor Actor) error {
	now := s.Now()
	err := s.Store.Update(ctx, func(tx *store.Tx) error {
		_, err := s.approveLetter(tx, c, id, seen, actor, now)
		return err
	})
	if err != nil {
		return err
	}
	s.notify()
	return nil
}

// LetterRefused is a letter that ApproveLetters did not approve, and why.
type LetterRefused struct {
	ID           int64
	Registration model.Registration // zero when there is no such registration
	Reason       string
}

// LettersResult is what ApproveLetters did: every id given is either
// approved or refused with its reason.
type LettersResult struct {
	Approved []model.Registration
	Refused  []LetterRefused
}

// ApproveLetters approves the letter requests of the registrations seen
// maps to the fingerprints the organiser was shown (a list of the desk),
// in one transaction, each under ApproveLetter's rules (and each person
// gets one e-mail). A registration
// whose request cannot be approved is refused with the reason, never
// skipped without a word; the others are approved all the same.
func (s *Service) ApproveLetters(ctx context.Context, c model.Conference, seen map[int64]string, actor Actor) (LettersResult, error) {
	if len(seen) > maxBulk {
		return LettersResult{}, fmt.Errorf("registration: approve %d letters at once: at most %d", len(seen), maxBulk)
	}
	ids := slices.Sorted(maps.Keys(seen))
	now := s.Now()
	var res LettersResult
	err := s.Store.Update(ctx, func(tx *store.Tx) error {
		res = LettersResult{}
		for _, id := range ids {
			r, err := s.approveLetter(tx, c, id, seen[id], actor, now)
			var ref *Refusal
			switch {
			case errors.Is(err, store.ErrNotFound):
				res.Refused = append(res.Refused, LetterRefused{ID: id, Reason: "There is no such registration."})
			case errors.Is(err, ErrChanged):
				res.Refused = append(res.Refused, LetterRefused{ID: id, Registration: r,
					Reason: "The details the letter prints changed after the list was shown: open the registration, check them and approve there."})
			case errors.As(err, &ref):
				res.Refused = append(res.Refused, LetterRefused{ID: id, Registration: r, Reason: ref.Message})
			case err != nil:
				return err
			default:
				res.Approved = append(res.Approved, r)
			}
		}
		return nil
	})
	if err != nil {
		return LettersResult{}, err
	}
	if len(res.Approved) > 0 {
		s.notify()
	}
	return res, nil
}

// approveLetter is ApproveLetter's rules, change and e-mail inside tx. It
// returns the registration as it is in tx, also when it refuses.
func (s *Service) approveLetter(tx *store.Tx, c model.Conference, id int64, seen string, actor Actor, now time.Time) (model.Registration, error) {
	cur, err := tx.Registration(id)
	if err != nil {
		return cur, err
	}
	switch {
	case cur.ConferenceID != c.ID:
		return model.Registration{}, store.ErrNotFound
	case !cur.VisaLetter:
		return cur, refuse(ErrNotAllowed, "This person did not ask for a visa invitation letter.")
	case !cur.LetterApprovedAt.IsZero():
		return cur, refuse(ErrNotAllowed, "The letter request was already approved.")
	case cur.Status != model.StatusConfirmed:
		return cur, refuse(ErrNotAllowed, "Approve the letter once the registration is confirmed: the letter invites someone who has a place. This one is %s.", cur.Status)
	case seen != LetterFingerprint(cur):
		return cur, refuse(ErrChanged, "The details the letter prints changed after this page was shown, so nothing was approved. "+
			"Check the passport and organisation details below as they are now, and approve again if they are right.")
	}
	if err := tx.ApproveLetter(id, now); err != nil {
		return cur, err
	}
	approved := cur
	approved.LetterApprovedAt = now
	if err := s.mailLetterReady(tx, c, approved, now); err != nil {
		return cur, err
	}
	return cur, tx.Audit(model.AuditEntry{ConferenceID: c.ID, UserID: actor.UserID, Actor: actor.Name,
		Action: "approve_letter", Entity: "registration", EntityID: id, CreatedAt: now,
		Changes: map[string][2]string{"letter_approved": {"no", "yes"}}})
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}
