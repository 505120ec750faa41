package web

import (
	"bytes"
	"context"
	"time"

	"github.com/valyala/fasthttp"

	"confdesk/internal/auth"
	"confdesk/internal/registration"
)

// UploadBodyLimit admits the largest upload (a 25 MB press file) with room
// for the form around it; see uploadLimit for who gets it.
const UploadBodyLimit = 26 << 20

// ImageBodyLimit admits the largest picture for the documents (the
// signature and the badge logo, settings.MaxImageBytes) with room for the
// form around it, for organisers under imageUploadPrefix.
const ImageBodyLimit = 2<<20 + 64<<10

// imageUploadPrefix is where those pictures are uploaded.
const imageUploadPrefix = "/admin/settings/images/"

// sessionCookie is the name of the console's session cookie (server.go).
const sessionCookie = "confdesk_session"

// uploadPrefix is where the large body limit may apply: the press room's
// console routes, whose file uploads reach 25 MB and whose releases hold
// up to 100,000 characters.
const uploadPrefix = "/admin/press/"

// uploadLimit is fasthttp's HeaderReceived hook: it runs when a request's
// headers have arrived and before its body is read. A POST under
// /admin/press/ that carries the session of an active account allowed in
// the press room may send UploadBodyLimit bytes (so may an organiser's to
// /admin/agenda/sessions/ID/documents, a session's document; under
// /admin/settings/images/, an organiser's ImageBodyLimit); every other request keeps
// the server's BodyLimit (but a POST to /nominate/TOKEN/documents under the
// link of a focal point still acting may send a nomination letter,
// letterBodyLimit), and a longer announced body is answered 413
// without a byte of it being read or a buffer of its size reserved
// (fasthttp compares Content-Length with the limit first). Only then does
// the route's own access check run, as for any request.
func (s *Server) uploadLimit(h *fasthttp.RequestHeader) fasthttp.RequestConfig {
	uri := h.RequestURI()
	if token, ok := letterUploadToken(h); ok {
		return s.letterUploadLimit(token)
	}
	roles, limit := auth.PressStaff, UploadBodyLimit
	if bytes.HasPrefix(uri, []byte(imageUploadPrefix)) {
		roles, limit = auth.Organisers, ImageBodyLimit
	} else if sessionDocumentUpload(uri) {
		roles = auth.Organisers
	} else if !bytes.HasPrefix(uri, []byte(uploadPrefix)) {
		return fasthttp.RequestConfig{}
	}
	if !h.IsPost() || len(h.Cookie(sessionCookie)) == 0 {
		return fasthttp.RequestConfig{}
	}
	// The session is read the way every handler reads it, through a
	// context that holds only these headers.
	var rc fasthttp.RequestCtx
	h.CopyTo(&rc.Request.Header)
	c := s.app.AcquireCtx(&rc)
	defer s.app.ReleaseCtx(c)
	u, ok, err := s.sessionUser(c)
	if err != nil || !ok || !auth.Allowed(u.Role, roles) {
		return fasthttp.RequestConfig{}
	}
	return fasthttp.RequestConfig{MaxRequestBodySize: limit}
}

// sessionDocumentUpload reports whether uri is the session editor's
// document upload, /admin/agenda/sessions/ID/documents, where an organiser
// may send a file as large as a press file.
func sessionDocumentUpload(uri []byte) bool {
	path, _, _ := bytes.Cut(uri, []byte("?"))
	rest, ok := bytes.CutPrefix(path, []byte(sessionDocumentsPrefix))
	if !ok {
		return false
	}
	id, ok := bytes.CutSuffix(rest, []byte(sessionDocumentsSuffix))
	if !ok || len(id) == 0 || len(id) > 19 {
		return false
	}
	for _, b := range id {
		if b < '0' || b > '9' {
			return false
		}
	}
	return true
}

// letterUploadToken is the focal point's token of a POST to
// /nominate/TOKEN/documents, where nomination letters are uploaded.
func letterUploadToken(h *fasthttp.RequestHeader) (string, bool) {
	if !h.IsPost() {
		return "", false
	}
	path, _, _ := bytes.Cut(h.RequestURI(), []byte("?"))
	rest, ok := bytes.CutPrefix(path, []byte("/nominate/"))
	if !ok {
		return "", false
	}
	token, ok := bytes.CutSuffix(rest, []byte("/documents"))
	if !ok || len(token) == 0 || len(token) > 100 || bytes.IndexByte(token, '/') >= 0 {
		return "", false
	}
	return string(token), true
}

// letterUploadLimit is the body limit of a letter's upload: a nomination
// letter's (letterBodyLimit) under the link of a focal point still
// acting, the server's small one under any other path, so that a stranger
// cannot make the server read a large body.
func (s *Server) letterUploadLimit(token string) fasthttp.RequestConfig {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if _, err := s.store.FocalPointByTokenHash(ctx, registration.HashToken(token)); err != nil {
		return fasthttp.RequestConfig{}
	}
	return fasthttp.RequestConfig{MaxRequestBodySize: letterBodyLimit}
}
