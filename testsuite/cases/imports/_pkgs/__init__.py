# Support directory for the import cases: it is on sys.path via the cases.
