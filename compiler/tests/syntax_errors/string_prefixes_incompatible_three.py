tfu"{x}"
