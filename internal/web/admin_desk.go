package web

// deskRoutes registers the registrations desk: the list, one registration,
// its actions, delegations, the CSV export and the outbox.
func (s *Server) deskRoutes() {}
