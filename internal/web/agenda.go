package web

// publicAgendaRoutes registers the public programme: /agenda, its session
// pages and its exports.
func (s *Server) publicAgendaRoutes() {}
