"""The members' reading room (läsrummet) and kallelse distribution (issue 6, item 6), and the
small page for recording övriga frågor and information at a § (item 4)."""
