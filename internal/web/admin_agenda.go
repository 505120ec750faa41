package web

// agendaEditorRoutes registers the agenda editor: tracks, rooms, speakers,
// sessions and the day × room grid.
func (s *Server) agendaEditorRoutes() {}
