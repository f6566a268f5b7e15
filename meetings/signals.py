"""Signal receivers for meetings. The signed-minutes guard lives here."""
