package checkin

import (
	"testing"
	"time"
)

func TestAnswers(t *testing.T) {
	now := time.Date(2027, 3, 15, 9, 0, 0, 0, time.UTC)
	a := NewAnswers(func() time.Time { return now })
	id := a.Put("desk-1", Result{State: Unknown}, "NOPE")
	if res, code, ok := a.Get("desk-1", id); !ok || res.State != Unknown || code != "NOPE" {
		t.Errorf("own answer: %v %q %v", res, code, ok)
	}
	if _, _, ok := a.Get("desk-2", id); ok {
		t.Error("another desk reads the answer")
	}
	if _, _, ok := a.Get("desk-1", id+"x"); ok {
		t.Error("a made-up id finds an answer")
	}
	now = now.Add(AnswerTTL)
	if _, _, ok := a.Get("desk-1", id); ok {
		t.Error("an expired answer is shown")
	}
	// However many scans, the answers kept stay bounded.
	for range maxAnswers + 10 {
		a.Put("desk-1", Result{State: CheckedIn}, "")
	}
	if n := len(a.m); n > maxAnswers {
		t.Errorf("%d answers kept, at most %d", n, maxAnswers)
	}
}
