//! f-strings (PEP 701) and t-strings (PEP 750).
