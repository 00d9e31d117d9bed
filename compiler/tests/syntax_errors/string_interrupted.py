"The interesting object "The important object" is very important"
