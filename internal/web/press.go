package web

// pressRoomRoutes registers the public press room: releases, files,
// contacts, the fact sheet and the media kit.
func (s *Server) pressRoomRoutes() {}
