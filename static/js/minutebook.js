// Minutebook's own behaviour on top of htmx. No inline scripts anywhere (CSP-friendly).
