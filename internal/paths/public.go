package paths

// FindRegistration is the public "Find my registration" form: anyone asks
// there for a new link to their registration by typing their address.
// Messages, error pages and the site's pages all point to it.
const FindRegistration = "/registration/lost"
