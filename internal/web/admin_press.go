package web

// pressEditorRoutes registers the press-room editor: releases, files and media contacts.
func (s *Server) pressEditorRoutes() {}
